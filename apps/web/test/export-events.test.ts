import type { CollectedEvent } from '@sightline/contract';
import type { ScanQuery } from '@sightline/ports';
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../server/export/csv.js';
import { CSV_COLUMNS, EXPORT_PAGE, exportLines, scanAll } from '../server/export/export-events.js';

const event = (i: number): CollectedEvent =>
  ({
    id: `e${String(i).padStart(6, '0')}`,
    type: 'pageview',
    site: 'shop',
    visitor: 'v',
    session: 's',
    ts: Date.UTC(2026, 0, 1) + Math.floor(i / 3),
    path: '/',
    props: { plan: 'pro' },
  }) as unknown as CollectedEvent;

/** Scans a sorted list as a store would, recording each call. */
function listStore(events: CollectedEvent[]) {
  const calls: ScanQuery[] = [];
  return {
    calls,
    scan: (query: ScanQuery) => {
      calls.push(query);
      const after = query.after;
      const from = after
        ? events.findIndex((e) => e.ts > after.ts || (e.ts === after.ts && e.id > after.id))
        : 0;
      return Promise.resolve(from < 0 ? [] : events.slice(from, from + query.limit));
    },
  };
}

const collect = async (lines: AsyncIterable<string>) => {
  let text = '';
  for await (const line of lines) text += line;
  return text;
};

describe('CSV cells', () => {
  it('quote what RFC 4180 asks, and never start with what a spreadsheet would run', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      expect(csvCell(formula).replace(/^"/, '')).toMatch(/^'/);
    // Numbers are numbers, not text a visitor wrote.
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell({ a: 'b,c' })).toBe('"{""a"":""b,c""}"');
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });
});

describe('an export', () => {
  it('reads every event once, a page at a time, and asks for no page past the end', async () => {
    const events = Array.from({ length: EXPORT_PAGE * 2 + 5 }, (_, i) => event(i));
    const store = listStore(events);
    const ids: string[] = [];
    for await (const page of scanAll(store, { site: 'shop', range: { from: 0, to: 1 } }))
      ids.push(...page.map((e) => e.id));
    expect(ids).toEqual(events.map((e) => e.id));
    expect(store.calls).toHaveLength(3);
    expect(store.calls.every((call) => call.limit === EXPORT_PAGE)).toBe(true);
  });

  it('holds one page at a time: the next is read only when the reader wants it', async () => {
    const store = listStore(Array.from({ length: EXPORT_PAGE * 3 }, (_, i) => event(i)));
    const lines = exportLines(scanAll(store, { site: 'shop', range: { from: 0, to: 1 } }), 'csv');
    await lines.next(); // the header
    await lines.next(); // the first page
    expect(store.calls).toHaveLength(1);
    await lines.return(undefined);
    expect(store.calls).toHaveLength(1);
  });

  it('writes CSV with a header and one row per event, and NDJSON with each event whole', async () => {
    const events = [event(1), event(2)];
    const pages = async function* () {
      yield await Promise.resolve(events);
    };
    const csv = (await collect(exportLines(pages(), 'csv'))).split('\r\n');
    expect(csv[0]).toBe(CSV_COLUMNS.join(','));
    expect(csv).toHaveLength(4);
    const row = csv[1]!.split(',');
    expect(row[0]).toBe(new Date(events[0]!.ts).toISOString());
    expect(row[CSV_COLUMNS.indexOf('id')]).toBe(events[0]!.id);
    expect(csv[1]).toContain('"{""plan"":""pro""}"');
    const ndjson = (await collect(exportLines(pages(), 'ndjson'))).trimEnd().split('\n');
    expect(ndjson.map((line) => JSON.parse(line) as unknown)).toEqual(events);
  });
});
