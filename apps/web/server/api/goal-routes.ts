import type { ConfigStore, EventStore } from '@sightline/ports';
import { Goals, Sites } from '@sightline/config-store';
import { goal } from '@sightline/contract';
import type { FastifyInstance } from 'fastify';
import type { Accounts } from '../auth/accounts.js';
import { roleGuards } from '../auth/guard.js';
import { goalStats } from '../goals/goal-stats.js';
import { knownSite } from './known-site.js';
import { rangeWithGoals } from './range-with-goals.js';
import { siteRecordRoutes } from './site-record-routes.js';

type SiteParams = { Params: { key: string }; Querystring: Record<string, unknown> };

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
  const { owner, viewer } = roleGuards(accounts);

  app.get<SiteParams>('/api/sites/:key/goals', viewer, async (request, reply) => {
    if (!knownSite(sites, request.params.key, reply)) return;
    return goals.list(request.params.key);
  });

  siteRecordRoutes(app, {
    path: 'goals',
    noun: 'goal',
    sites,
    records: goals,
    schema: goal,
    owner,
    max: { count: MAX_GOALS, list: (site) => goals.list(site) },
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
