import {
  visitFilters,
  type EventStore,
  type SessionStore,
  type MetricsStore,
} from '@sightline/ports';
import { Goals } from '@sightline/config-store';
import { WINDOW_FIELDS, WINDOW_MS } from '@sightline/contract';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { csvLine } from '../export/csv.js';
import { filterableField, seriesFromEvents } from './filtered-series.js';
import { stepFor } from './query-params.js';
import { withDistinctVisitors } from './series-visitors.js';
import type { RouteContext } from './route-context.js';
import { siteQuery } from './site-query.js';

type SiteParams = { Params: { key: string }; Querystring: Record<string, unknown> };

const seriesQuery = z.object({
  step: z.coerce.number().int().min(10_000).optional(),
  fields: z.string().max(1_000).default('pageviews,visitors,events'),
});
const topQuery = z.object({
  dimension: z.string().min(1).max(80),
  limit: z.coerce.number().int().min(1).max(100).default(10),
  format: z.enum(['json', 'csv']).default('json'),
});
const searchQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  order: z.enum(['asc', 'desc']).default('desc'),
});
const timeseriesQuery = z.object({ step: z.coerce.number().int().min(10_000).optional() });

/**
 * History and exploration from the stores: window series (MetricsStore), and over raw events
 * (EventStore) search, top-N of any field, events and visitors over time, a visitor's timeline.
 */
export function queryRoutes(
  { app, store, sites, viewer }: RouteContext,
  stores: {
    events: EventStore;
    metrics: MetricsStore;
    sessions: Pick<SessionStore, 'visitStats'>;
  },
): void {
  const parse = siteQuery(sites, new Goals(store));
  /** Store errors on bad fields are the client's (the field check throws before any query). */
  const answer = async <T>(reply: FastifyReply, run: () => Promise<T>) => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Error && /^(unknown field|too many visitors)/.test(error.message))
        return reply.code(400).send({ error: 'invalid_request', message: error.message });
      throw error;
    }
  };

  app.get<SiteParams>('/api/sites/:key/series', viewer, async (request, reply) => {
    const q = parse(request, reply, seriesQuery);
    if (!q) return;
    const fields = q.fields.split(',').filter(Boolean);
    const unknown = fields.find((f) => !WINDOW_FIELDS.includes(f) && !/^revenue_[A-Z]{3}$/.test(f));
    if (unknown)
      return reply
        .code(400)
        .send({ error: 'invalid_request', message: `unknown field "${unknown}"` });
    const stepMs = stepFor(q.range, q.step);
    if (q.filters.length > 0) {
      // The windows sum every event: filtered figures are counted from the raw events.
      const points = await answer(reply, () =>
        seriesFromEvents(stores.events, { ...q, stepMs }, fields),
      );
      return { stepMs, points, omitted: fields.filter((f) => !filterableField(f)) };
    }
    const [points, buckets] = await Promise.all([
      stores.metrics.series({ site: q.site, range: q.range, stepMs, fields }),
      // Beyond one window, a visitor seen in several windows of a step is one visitor.
      fields.includes('visitors') && stepMs > WINDOW_MS
        ? stores.events.timeseries({ site: q.site, range: q.range, stepMs })
        : undefined,
    ]);
    return { stepMs, points: buckets ? withDistinctVisitors(points, buckets) : points };
  });

  app.get<SiteParams>('/api/sites/:key/timeseries', viewer, async (request, reply) => {
    const q = parse(request, reply, timeseriesQuery);
    if (!q) return;
    const stepMs = stepFor(q.range, q.step);
    return answer(reply, async () => ({
      stepMs,
      buckets: await stores.events.timeseries({ ...q, stepMs }),
    }));
  });

  // Visits that started in the range, those still going on counted as they are now.
  app.get<SiteParams>('/api/sites/:key/visit-stats', viewer, async (request, reply) => {
    const q = parse(request, reply, z.object({}));
    if (!q) return;
    const filters = visitFilters(q.filters);
    if ('refused' in filters)
      return reply.code(400).send({ error: 'invalid_request', message: filters.refused });
    return stores.sessions.visitStats({ site: q.site, range: q.range, filters });
  });

  app.get<SiteParams>('/api/sites/:key/top', viewer, async (request, reply) => {
    const q = parse(request, reply, topQuery);
    if (!q) return;
    return answer(reply, async () => {
      const buckets = await stores.events.topN(q);
      if (q.format === 'json') return { buckets };
      // The same table for a spreadsheet (the field name is checked by the query above).
      const rows = buckets.map((b) => [b.key, b.events, b.visitors]);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${q.site}-top-${q.dimension}.csv"`)
        .send([[q.dimension, 'events', 'visitors'], ...rows].map(csvLine).join(''));
    });
  });

  app.get<SiteParams>('/api/sites/:key/events', viewer, async (request, reply) => {
    const q = parse(request, reply, searchQuery);
    if (!q) return;
    return answer(reply, () => stores.events.search(q));
  });
}
