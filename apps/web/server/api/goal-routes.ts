import type { EventStore } from '@sightline/ports';
import { Goals } from '@sightline/config-store';
import { goal } from '@sightline/contract';
import { goalStats } from '../goals/goal-stats.js';
import { knownSite } from './known-site.js';
import { rangeWithGoals } from './range-with-goals.js';
import { siteListRoute } from './site-list-route.js';
import { siteRecordRoutes } from './site-record-routes.js';
import type { RouteContext } from './route-context.js';

type SiteParams = { Params: { key: string }; Querystring: Record<string, unknown> };

/** A site has at most this many goals (each is one or two queries per dashboard view). */
const MAX_GOALS = 50;

/**
 * Goals of a site: list, save (checked by the contract), delete, and each goal's conversions,
 * conversion rate and revenue over a range with the dashboard's filters.
 */
export function goalRoutes(
  context: RouteContext,
  stores: { events: Pick<EventStore, 'conversions'> },
): void {
  const { app, store, sites, owner, viewer } = context;
  const goals = new Goals(store);

  siteListRoute(context, 'goals', (site) => goals.list(site));

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
