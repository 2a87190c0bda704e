import { Readable } from 'node:stream';
import type { EventStore } from '@sightline/ports';
import { Goals } from '@sightline/config-store';
import { z } from 'zod';
import { exportLines, scanAll } from '../export/export-events.js';
import type { RouteContext } from './route-context.js';
import { siteQuery } from './site-query.js';

type SiteParams = { Params: { key: string }; Querystring: Record<string, unknown> };

const formatQuery = z.object({ format: z.enum(['csv', 'ndjson']).default('csv') });

const CONTENT_TYPE = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson' };

/** The day of an epoch time, for file names: 2026-12-07. */
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * GET /api/sites/:key/export/events?format=csv|ndjson&from&to&filter…: the raw events of the
 * range, as the filters of every report select them, streamed oldest first. The store is read a
 * page at a time as the client takes the body, so an export of any size holds one page.
 */
export function exportRoutes(
  { app, store, sites, viewer }: RouteContext,
  stores: { events: Pick<EventStore, 'scan'> },
): void {
  const parse = siteQuery(sites, new Goals(store));

  app.get<SiteParams>('/api/sites/:key/export/events', viewer, async (request, reply) => {
    const q = parse(request, reply, formatQuery);
    if (!q) return;
    const { format, ...query } = q;
    // The first page is read before answering: a store error is then a 5xx, not a cut file.
    const pages = scanAll(stores.events, query);
    const first = await pages.next();
    async function* all() {
      if (!first.done) yield first.value;
      yield* pages;
    }
    const name = `${q.site}-events-${day(q.range.from)}-${day(q.range.to)}.${format}`;
    return reply
      .type(CONTENT_TYPE[format])
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(exportLines(all(), format)));
  });
}
