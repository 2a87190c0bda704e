import type { Goals, Sites } from '@sightline/config-store';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { knownSite } from './known-site.js';
import { parseBody } from './parse.js';
import { rangeWithGoals } from './range-with-goals.js';

/**
 * The reader of what a report under `/api/sites/:key` asks for: the site, its range, filters
 * and bots flag (goal filters made the visitors who reached the site's goals), and the route's
 * own query `extra`; or undefined after answering 404 for an unknown site, 400 for a bad query.
 */
export function siteQuery(sites: Sites, goals: Goals) {
  return <T>(
    request: { params: { key: string }; query: Record<string, unknown> },
    reply: FastifyReply,
    extra: z.ZodType<T>,
  ) => {
    const site = request.params.key;
    if (!knownSite(sites, site, reply)) return undefined;
    const base = rangeWithGoals(request.query, reply, goals.list(site));
    const more = base && parseBody(extra, request.query, reply);
    return base && more && { site, ...base, ...more };
  };
}
