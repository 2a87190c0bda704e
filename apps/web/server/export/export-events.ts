import type { CollectedEvent } from '@sightline/contract';
import { EVENT_FIELDS, type EventStore, type ScanQuery } from '@sightline/ports';
import { csvLine } from './csv.js';

/** Events read from the store per page: one page is all an export holds in memory. */
export const EXPORT_PAGE = 1_000;

export type ExportFormat = 'csv' | 'ndjson';

/** The columns a reader looks for first, in this order; every other field of the contract follows. */
const LEADING = ['type', 'site', 'id', 'visitor', 'session', 'path', 'url', 'title', 'referrer'];

/** CSV columns: the event's time as ISO 8601 first, then every field of the contract. */
export const CSV_COLUMNS: readonly string[] = [
  'time',
  ...LEADING.filter((field) => EVENT_FIELDS.has(field)),
  ...[...EVENT_FIELDS].filter((field) => !LEADING.includes(field)),
];

/**
 * Every matching event, oldest first, a page at a time: the store is asked for the next page
 * only when the reader wants more.
 */
export async function* scanAll(
  events: Pick<EventStore, 'scan'>,
  query: Omit<ScanQuery, 'limit' | 'after'>,
): AsyncGenerator<CollectedEvent[]> {
  let after: ScanQuery['after'];
  for (;;) {
    const page = await events.scan({ ...query, limit: EXPORT_PAGE, ...(after ? { after } : {}) });
    if (page.length === 0) return;
    yield page;
    if (page.length < EXPORT_PAGE) return;
    const last = page[page.length - 1]!;
    after = { ts: last.ts, id: last.id };
  }
}

/** The export as text chunks: a header line for CSV, then one line per event. */
export async function* exportLines(
  pages: AsyncIterable<CollectedEvent[]>,
  format: ExportFormat,
): AsyncGenerator<string> {
  if (format === 'csv') yield csvLine(CSV_COLUMNS);
  for await (const page of pages) {
    let chunk = '';
    for (const event of page) {
      if (format === 'ndjson') chunk += `${JSON.stringify(event)}\n`;
      else {
        const fields = event as unknown as Record<string, unknown>;
        chunk += csvLine(
          CSV_COLUMNS.map((column) =>
            column === 'time' ? new Date(event.ts).toISOString() : fields[column],
          ),
        );
      }
    }
    yield chunk;
  }
}
