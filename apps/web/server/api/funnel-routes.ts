import { targetFilters, type EventStore } from '@sightline/ports';
import { Funnels, Goals } from '@sightline/config-store';
import { funnel, type Funnel } from '@sightline/contract';
import { funnelReport } from '../goals/funnel-report.js';
import { knownSite } from './known-site.js';
import { rangeWithGoals } from './range-with-goals.js';
import { siteListRoute } from './site-list-route.js';
import { siteRecordRoutes } from './site-record-routes.js';
import type { RouteContext } from './route-context.js';

type FunnelParams = { Params: { key: string; id: string }; Querystring: Record<string, unknown> };

const DAY_MS = 86_400_000;

/** A site has at most this many funnels. */
const MAX_FUNNELS = 50;

/**
 * Funnels of a site: list, save (checked by the contract), delete, and one funnel's visits per
 * step, drop-off, conversions and median time between steps over a range with the dashboard's
 * filters.
 */
export function funnelRoutes(
  context: RouteContext,
  stores: { events: Pick<EventStore, 'funnel' | 'prepareFunnel'> },
): void {
  const { app, store, sites, owner, viewer } = context;
  const goals = new Goals(store);
  const funnels = new Funnels(store);

  // The dashboard's first look at a funnel (the last 30 days, no filters) should be quick: each
  // funnel saved, or listed (saved before its store kept anything for it), gets ready for it.
  const prepare = (saved: Funnel) => {
    const now = Date.now();
    stores.events.prepareFunnel?.({
      site: saved.site,
      range: { from: now - 30 * DAY_MS, to: now },
      steps: saved.steps.map(targetFilters),
    });
  };

  siteListRoute(context, 'funnels', (site) => {
    const list = funnels.list(site);
    list.forEach(prepare);
    return list;
  });

  siteRecordRoutes(app, {
    path: 'funnels',
    noun: 'funnel',
    sites,
    records: funnels,
    schema: funnel,
    owner,
    max: { count: MAX_FUNNELS, list: (site) => funnels.list(site) },
    saved: prepare,
  });

  app.get<FunnelParams>('/api/sites/:key/funnels/:id/stats', viewer, async (request, reply) => {
    const site = request.params.key;
    if (!knownSite(sites, site, reply)) return;
    const found = funnels.get(site, request.params.id);
    if (!found) return reply.code(404).send({ error: 'not_found', message: 'no such funnel' });
    const q = rangeWithGoals(request.query, reply, goals.list(site));
    if (!q) return;
    const steps = await stores.events.funnel({
      site,
      ...q,
      steps: found.steps.map(targetFilters),
    });
    return { funnel: found, steps: funnelReport(found, steps) };
  });
}
