import type { AlertEvent, ProfileHit, WindowAggregate } from '@sightline/contract';
import { openEventStream } from '../live/event-stream.js';
import type { LiveFeed } from '../live/live-feed.js';
import { knownSite } from './known-site.js';
import type { RouteContext } from './route-context.js';

type SiteParams = { Params: { key: string } };

/**
 * Live streams (server-sent events) of a site: its 10-second windows as the processor updates
 * them (about once a second while one is open), its profile hits, and its alerts fired and
 * resolved.
 */
export function liveRoutes(
  { app, sites, viewer }: RouteContext,
  feeds: {
    windows: LiveFeed<WindowAggregate>;
    hits: LiveFeed<ProfileHit>;
    alerts: LiveFeed<AlertEvent>;
  },
): void {
  const open = new Set<{ end(): void }>();
  // A stream never ends by itself: closing the app ends each one, or the close would wait on
  // them (the browser then reconnects, to another copy behind a load balancer).
  app.addHook('preClose', (done) => {
    for (const events of open) events.end();
    done();
  });
  const stream = <T extends { site: string }>(path: string, feed: LiveFeed<T>, event: string) =>
    app.get<SiteParams>(path, viewer, async (request, reply) => {
      if (!knownSite(sites, request.params.key, reply)) return;
      const events = openEventStream(reply);
      open.add(events);
      events.onClose(() => open.delete(events));
      events.onClose(feed.subscribe(request.params.key, (item) => events.send(event, item)));
    });
  stream('/api/sites/:key/live', feeds.windows, 'window');
  stream('/api/sites/:key/hits/live', feeds.hits, 'hit');
  stream('/api/sites/:key/alerts/live', feeds.alerts, 'alert');
}
