import type { DeadLetterStore } from '@sightline/ports';
import { z } from 'zod';
import { knownSite } from './known-site.js';
import { parseBody } from './parse.js';
import type { RouteContext } from './route-context.js';

const listQuery = z.object({ limit: z.coerce.number().int().min(0).max(100).default(20) });

/**
 * Records the processor set aside (a message it could not read, or a record a store refused as
 * invalid): how many, and the newest with their reasons — for one site, or all of them (owners:
 * a letter may name no site when its message was unreadable).
 */
export function deadLetterRoutes(
  { app, sites, owner, viewer }: RouteContext,
  deadLetters: Pick<DeadLetterStore, 'summary'>,
): void {
  type Query = { Querystring: Record<string, unknown> };
  app.get<Query & { Params: { key: string } }>(
    '/api/sites/:key/dead-letters',
    viewer,
    async (request, reply) => {
      if (!knownSite(sites, request.params.key, reply)) return reply;
      const query = parseBody(listQuery, request.query, reply);
      if (!query) return reply;
      return deadLetters.summary({ site: request.params.key, limit: query.limit });
    },
  );
  app.get<Query>('/api/dead-letters', owner, async (request, reply) => {
    const query = parseBody(listQuery, request.query, reply);
    if (!query) return reply;
    return deadLetters.summary({ limit: query.limit });
  });
}
