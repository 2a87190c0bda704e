import { visitFilters, type SessionStore } from '@sightline/ports';
import { Goals } from '@sightline/config-store';
import { opaqueId } from '@sightline/contract';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { RouteContext } from './route-context.js';
import { siteQuery } from './site-query.js';

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
  const query = siteQuery(sites, new Goals(store));
  /** The site's query with visit filters (visits do not know bots), or undefined after answering. */
  const parse = <T>(
    request: { params: { key: string }; query: Record<string, unknown> },
    reply: FastifyReply,
    extra: z.ZodType<T>,
  ) => {
    const q = query(request, reply, extra);
    if (!q) return undefined;
    const { site, range, filters: eventFilters, includeBots: _bots, ...more } = q;
    const filters = visitFilters(eventFilters);
    if ('refused' in filters) {
      void reply.code(400).send({ error: 'invalid_request', message: filters.refused });
      return undefined;
    }
    return { site, range, filters, ...more };
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
