import { knownSite } from './known-site.js';
import type { RouteContext } from './route-context.js';

/**
 * `GET /api/sites/:key/<path>`: one kind of a site's records (goals, funnels, profiles, alert
 * rules) as `list` gives them, for every signed-in user; 404 for a site that is not there.
 */
export function siteListRoute(
  { app, sites, viewer }: Pick<RouteContext, 'app' | 'sites' | 'viewer'>,
  path: string,
  list: (site: string) => unknown,
): void {
  app.get<{ Params: { key: string } }>(
    `/api/sites/:key/${path}`,
    viewer,
    async (request, reply) => {
      if (!knownSite(sites, request.params.key, reply)) return;
      return list(request.params.key);
    },
  );
}
