import type { EventStore } from '@sightline/ports';
import { Goals } from '@sightline/config-store';
import { z } from 'zod';
import { hoppingPeaks } from '../activity/hopping-peaks.js';
import type { RouteContext } from './route-context.js';
import { siteQuery } from './site-query.js';

type SiteParams = { Params: { key: string }; Querystring: Record<string, unknown> };

/** A minute, hopping every 5 seconds (the clickstream recipe's window). */
export const ACTIVITY_WINDOW_MS = 60_000;
export const ACTIVITY_ADVANCE_MS = 5_000;
/** Steps read from the store at most: a busy day of a large site; narrower ranges read less. */
const MAX_STEPS = 200_000;
const DAY_MS = 86_400_000;

const activityQuery = z.object({
  by: z.enum(['visitor', 'address']).default('visitor'),
  /** Keys with more than this many events in one window. */
  min: z.coerce.number().int().min(0).max(1_000_000).default(60),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * Unusual activity: each visitor's (or address's) busiest minute of the range, hopping every 5
 * seconds, for those with more than `min` events in it — fast scripts, scrapers, a stuck page.
 */
export function activityRoutes(
  { app, store, sites, viewer }: RouteContext,
  events: Pick<EventStore, 'activity'>,
): void {
  const parse = siteQuery(sites, new Goals(store));

  app.get<SiteParams>('/api/sites/:key/activity', viewer, async (request, reply) => {
    const q = parse(request, reply, activityQuery);
    if (!q) return;
    if (q.range.to - q.range.from > DAY_MS)
      return reply
        .code(400)
        .send({ error: 'invalid_request', message: 'activity covers at most 24 hours' });
    const rows = await events.activity({
      site: q.site,
      range: q.range,
      filters: q.filters,
      includeBots: q.includeBots,
      stepMs: ACTIVITY_ADVANCE_MS,
      limit: MAX_STEPS,
    });
    const peaks = hoppingPeaks(rows, { by: q.by, windowMs: ACTIVITY_WINDOW_MS, moreThan: q.min });
    return {
      windowMs: ACTIVITY_WINDOW_MS,
      advanceMs: ACTIVITY_ADVANCE_MS,
      by: q.by,
      min: q.min,
      rows: peaks.slice(0, q.limit),
      // The store stopped at MAX_STEPS: later activity in the range was not read.
      truncated: rows.length >= MAX_STEPS,
    };
  });
}
