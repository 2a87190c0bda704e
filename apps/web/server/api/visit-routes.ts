import { visitFilters, type SessionStore } from '@sightline/ports';
import { Goals } from '@sightline/config-store';
import { opaqueId } from '@sightline/contract';
import { z } from 'zod';
import { knownSite } from './known-site.js';
import { parseBody } from './parse.js';
import { rangeWithGoals } from './range-with-goals.js';
import type { RouteContext } from './route-context.js';

type SiteParams = { Params: { key: string }; Querystring: Record<string, unknown> };

const visitsQuery = z.object({
  visitor: opaqueId.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
const topQuery = z.object({
  dimension: z.enum(['entryPath', 'exitPath']),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

/**
 * Visits as the processor keeps them: the log of a range's visits (latest first, open ones as
 * they are now), and visits counted per entry or exit page; filters on where a visit came from,
 * on the visitor's device and country, and on a goal its visitor reached select visits (others
 * answer 400).
 */
export function visitRoutes(
  { app, store, sites, viewer }: RouteContext,
  sessions: Pick<SessionStore, 'sessions' | 'topVisits'>,
): void {
  const goals = new Goals(store);
  const parse = <T>(
    request: { params: { key: string }; query: Record<string, unknown> },
    reply: Parameters<typeof parseBody>[2],
    extra: z.ZodType<T>,
  ) => {
    if (!knownSite(sites, request.params.key, reply)) return undefined;
    const base = rangeWithGoals(request.query, reply, goals.list(request.params.key));
    const more = base && parseBody(extra, request.query, reply);
    if (!base || !more) return undefined;
    const filters = visitFilters(base.filters);
    if ('refused' in filters) {
      void reply.code(400).send({ error: 'invalid_request', message: filters.refused });
      return undefined;
    }
    return { site: request.params.key, range: base.range, filters, ...more };
  };

  app.get<SiteParams>('/api/sites/:key/visits', viewer, async (request, reply) => {
    const q = parse(request, reply, visitsQuery);
    if (!q) return;
    return { visits: await sessions.sessions(q) };
  });

  app.get<SiteParams>('/api/sites/:key/visits/top', viewer, async (request, reply) => {
    const q = parse(request, reply, topQuery);
    if (!q) return;
    return { buckets: await sessions.topVisits(q) };
  });
}
