import type { ConfigStore, EventStore } from '@sightline/ports';
import { Goals, Sites } from '@sightline/config-store';
import { goal } from '@sightline/contract';
import type { FastifyInstance } from 'fastify';
import type { Accounts } from '../auth/accounts.js';
import { requireRole } from '../auth/guard.js';
import { goalStats } from '../goals/goal-stats.js';
import { knownSite } from './known-site.js';
import { parseBody } from './parse.js';
import { rangeWithGoals } from './range-with-goals.js';

type SiteParams = { Params: { key: string }; Querystring: Record<string, unknown> };
type GoalParams = { Params: { key: string; id: string } };

/** A site has at most this many goals (each is one or two queries per dashboard view). */
const MAX_GOALS = 50;

/**
 * Goals of a site: list, save (checked by the contract), delete, and each goal's conversions,
 * conversion rate and revenue over a range with the dashboard's filters.
 */
export function goalRoutes(
  app: FastifyInstance,
  accounts: Accounts,
  store: ConfigStore,
  stores: { events: Pick<EventStore, 'conversions'> },
): void {
  const sites = new Sites(store);
  const goals = new Goals(store);
  const owner = { preHandler: requireRole(accounts, 'owner') };
  const viewer = { preHandler: requireRole(accounts, 'viewer') };

  app.get<SiteParams>('/api/sites/:key/goals', viewer, async (request, reply) => {
    if (!knownSite(sites, request.params.key, reply)) return;
    return goals.list(request.params.key);
  });

  app.put<GoalParams>('/api/sites/:key/goals/:id', owner, async (request, reply) => {
    const site = request.params.key;
    if (!knownSite(sites, site, reply)) return;
    const body = typeof request.body === 'object' && request.body !== null ? request.body : {};
    const parsed = parseBody(goal, { ...body, site, id: request.params.id }, reply);
    if (!parsed) return;
    const existing = goals.list(site);
    if (existing.length >= MAX_GOALS && !existing.some((g) => g.id === parsed.id))
      return reply
        .code(409)
        .send({ error: 'too_many_goals', message: `a site has at most ${MAX_GOALS} goals` });
    return goals.put(parsed);
  });

  app.delete<GoalParams>('/api/sites/:key/goals/:id', owner, async (request, reply) => {
    if (!knownSite(sites, request.params.key, reply)) return;
    if (!goals.get(request.params.key, request.params.id))
      return reply.code(404).send({ error: 'not_found', message: 'no such goal' });
    await goals.remove(request.params.key, request.params.id);
    return reply.code(204).send();
  });

  app.get<SiteParams>('/api/sites/:key/goals/stats', viewer, async (request, reply) => {
    const site = request.params.key;
    if (!knownSite(sites, site, reply)) return;
    const list = goals.list(site);
    const q = rangeWithGoals(request.query, reply, list);
    if (!q) return;
    return goalStats(stores.events, { site, ...q }, list);
  });
}
