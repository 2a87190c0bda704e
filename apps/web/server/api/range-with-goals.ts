import type { Goal } from '@sightline/contract';
import type { FastifyReply } from 'fastify';
import { goalFilters } from '../goals/goal-filters.js';
import { parseBody } from './parse.js';
import { rangeQuery } from './query-params.js';

/**
 * A request's range, filters and bots flag, its goal filters made the visitors who reached each
 * goal of the site; on a bad query or an unknown goal answers 400 and returns undefined.
 */
export function rangeWithGoals(query: unknown, reply: FastifyReply, goals: Goal[]) {
  const base = parseBody(rangeQuery, query, reply);
  if (!base) return undefined;
  const filters = goalFilters(base.filters, goals);
  if ('refused' in filters) {
    void reply.code(400).send({ error: 'invalid_request', message: filters.refused });
    return undefined;
  }
  return { ...base, filters };
}
