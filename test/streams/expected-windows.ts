import { WINDOW_MS, type WindowMetrics } from '@sightline/contract';
import type { Message } from './generate-stream.js';

/**
 * The per-window metrics of one partition's messages (in offset order), computed straight from
 * the input by the rules the product documents — independently of the processor's code.
 */
export function expectedWindows(
  messages: Pick<Message, 'events' | 'clock'>[],
  options: { allowedLatenessMs: number; sessionTimeoutMs: number },
) {
  interface Expected {
    events: number;
    bots: number;
    types: Map<string, number>;
    visitors: Set<string>;
    newVisitors: Set<string>;
    sessionsStarted: number;
    scroll: Map<string, number>;
    activeMs: number;
    visibleMs: number;
    orders: Map<string, { currency: string; value: number }>;
    paths: Map<string, number>;
    referrers: Map<string, number>;
    channels: Map<string, number>;
    devices: Map<string, number>;
    browsers: Map<string, number>;
    countries: Map<string, number>;
    os: Map<string, number>;
    utmSources: Map<string, number>;
    utmCampaigns: Map<string, number>;
    pathTypes: Map<string, Map<string, number>>;
  }
  const windows = new Map<string, Expected>();
  const seen = new Set<string>();
  const bump = (map: Map<string, number>, key: string, by = 1) =>
    map.set(key, (map.get(key) ?? 0) + by);
  let watermark = 0;
  let late = 0;
  // Visits: a visitor's counted events, split where ingest time jumps by the timeout or more.
  const visits = new Map<
    string,
    { lastSeen: number; start: number; end: number; pageviews: number; events: number }[]
  >();
  for (const { events, clock } of messages) {
    if (clock !== undefined) watermark = Math.max(watermark, clock);
    for (const event of events) {
      watermark = Math.max(watermark, event.receivedAt);
      const closedBefore =
        Math.floor((watermark - options.allowedLatenessMs) / WINDOW_MS) * WINDOW_MS;
      const start = Math.floor(event.ts / WINDOW_MS) * WINDOW_MS;
      const key = `${event.site}:${start}`;
      // An id counts once, for the first message that carries it, whatever its window.
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      if (start < closedBefore) {
        late++;
        continue;
      }
      let w = windows.get(key);
      if (!w) {
        w = {
          events: 0,
          bots: 0,
          types: new Map(),
          visitors: new Set(),
          newVisitors: new Set(),
          sessionsStarted: 0,
          scroll: new Map(),
          activeMs: 0,
          visibleMs: 0,
          orders: new Map(),
          paths: new Map(),
          referrers: new Map(),
          channels: new Map(),
          devices: new Map(),
          browsers: new Map(),
          countries: new Map(),
          os: new Map(),
          utmSources: new Map(),
          utmCampaigns: new Map(),
          pathTypes: new Map(),
        };
        windows.set(key, w);
      }
      if (event.bot) {
        w.bots++;
        continue;
      }
      const visitorKey = `${event.site}:${event.visitor}`;
      const list = visits.get(visitorKey) ?? [];
      visits.set(visitorKey, list);
      const current = list.at(-1);
      if (!current || event.receivedAt - current.lastSeen >= options.sessionTimeoutMs) {
        list.push({
          lastSeen: event.receivedAt,
          start: event.ts,
          end: event.ts,
          pageviews: 0,
          events: 0,
        });
        w.sessionsStarted++;
      }
      const visit = list.at(-1)!;
      visit.lastSeen = Math.max(visit.lastSeen, event.receivedAt);
      visit.start = Math.min(visit.start, event.ts);
      visit.end = Math.max(visit.end, event.ts);
      visit.events++;
      w.events++;
      bump(w.types, event.type);
      w.visitors.add(event.visitor);
      if (event.path !== undefined) {
        const types = w.pathTypes.get(event.path) ?? new Map<string, number>();
        w.pathTypes.set(event.path, types);
        bump(types, event.type);
      }
      if (event.type === 'pageview') {
        visit.pageviews++;
        if (event.first) w.newVisitors.add(event.visitor);
        bump(w.paths, event.path);
        if (event.referrerHost && event.channel !== 'internal')
          bump(w.referrers, event.referrerHost);
        bump(w.channels, event.channel);
        bump(w.devices, event.device);
        bump(w.browsers, event.browser ?? 'unknown');
        bump(w.countries, event.country ?? 'unknown');
        bump(w.os, event.os ?? 'unknown');
        if (event.utm?.source) bump(w.utmSources, event.utm.source);
        if (event.utm?.campaign) bump(w.utmCampaigns, event.utm.campaign);
      } else if (event.type === 'scroll') {
        const page = event.page ?? `${event.visitor}:${event.path}`;
        w.scroll.set(page, Math.max(w.scroll.get(page) ?? 0, event.depth));
      } else if (event.type === 'heartbeat') {
        w.activeMs += event.activeMs;
        w.visibleMs += event.visibleMs;
      } else if (event.type === 'purchase' && !w.orders.has(event.orderId)) {
        w.orders.set(event.orderId, { currency: event.currency, value: event.value });
      }
    }
  }
  const top = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 20)
      .map(([key, count]) => ({ key, count }));
  const metrics = new Map<string, Partial<WindowMetrics>>();
  for (const [key, w] of windows) {
    const depths = [...w.scroll.values()];
    const revenue: Record<string, number> = {};
    for (const order of w.orders.values())
      revenue[order.currency] = (revenue[order.currency] ?? 0) + order.value;
    metrics.set(key, {
      events: w.events,
      bots: w.bots,
      types: Object.fromEntries(w.types),
      pageviews: w.types.get('pageview') ?? 0,
      visitors: w.visitors.size,
      newVisitors: w.newVisitors.size,
      sessionsStarted: w.sessionsStarted,
      scrolledPageviews: depths.length,
      scrollDepthSum: depths.reduce((a, b) => a + b, 0),
      scrollReached: {
        25: depths.filter((d) => d >= 25).length,
        50: depths.filter((d) => d >= 50).length,
        75: depths.filter((d) => d >= 75).length,
        100: depths.filter((d) => d >= 100).length,
      },
      activeMs: w.activeMs,
      visibleMs: w.visibleMs,
      purchases: w.orders.size,
      revenue,
      topPaths: top(w.paths),
      topReferrers: top(w.referrers),
      channels: Object.fromEntries(w.channels),
      devices: Object.fromEntries(w.devices),
      browsers: Object.fromEntries(w.browsers),
      countries: Object.fromEntries(w.countries),
      os: Object.fromEntries(w.os),
      utmSources: Object.fromEntries(w.utmSources),
      utmCampaigns: Object.fromEntries(w.utmCampaigns),
      pathTypes: Object.fromEntries(
        [...w.pathTypes]
          .map(([path, types]) => ({
            path,
            types,
            total: [...types.values()].reduce((a, b) => a + b, 0),
          }))
          .sort((a, b) => b.total - a.total || (a.path < b.path ? -1 : 1))
          .slice(0, 100)
          .map(({ path, types }) => [path, Object.fromEntries(types)]),
      ),
    });
  }
  const allVisits = [...visits.values()].flat();
  return {
    /** Each visit as `site:visitor start-end events/pageviews`: a mismatch names the visit. */
    visitList: [...visits].flatMap(([key, list]) =>
      list.map((v) => `${key} ${v.start}-${v.end} ${v.events}/${v.pageviews}`),
    ),
    metrics,
    late,
    visits: allVisits.length,
    bounces: allVisits.filter((v) => v.pageviews <= 1).length,
    durationSum: allVisits.reduce((sum, v) => sum + v.end - v.start, 0),
  };
}
