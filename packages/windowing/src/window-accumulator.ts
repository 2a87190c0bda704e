import type { CollectedEvent, SessionRecord, WindowMetrics } from '@sightline/contract';

const TOP = 20;
/** Distinct keys kept per ranking; beyond it new keys are not counted (bounded memory). */
const RANKING_KEYS = 2_000;

const bump = (counts: Map<string, number>, key: string | undefined, by = 1, cap = Infinity) => {
  if (key === undefined) return;
  const current = counts.get(key);
  if (current !== undefined) counts.set(key, current + by);
  else if (counts.size < cap) counts.set(key, by);
};

/** Paths reported with their events by type (those with the most events). */
const PATH_TYPES = 100;

const record = (counts: Map<string, number>) => Object.fromEntries(counts);
const top = (counts: Map<string, number>) =>
  [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP)
    .map(([key, count]) => ({ key, count }));

/** The metrics of one site's window on one partition, built event by event. */
export class WindowAccumulator {
  events = 0;
  bots = 0;
  private readonly types = new Map<string, number>();
  private readonly visitors = new Set<string>();
  private readonly newVisitors = new Set<string>();
  private sessionsStarted = 0;
  private sessionsEnded = 0;
  private bounces = 0;
  private sessionMsSum = 0;
  /** Deepest scroll per page view seen in this window. */
  private readonly scrollDepth = new Map<string, number>();
  private activeMs = 0;
  private visibleMs = 0;
  private readonly orders = new Set<string>();
  private readonly revenue = new Map<string, number>();
  private readonly paths = new Map<string, number>();
  private readonly referrers = new Map<string, number>();
  private readonly channels = new Map<string, number>();
  private readonly devices = new Map<string, number>();
  private readonly browsers = new Map<string, number>();
  private readonly countries = new Map<string, number>();
  private readonly os = new Map<string, number>();
  private readonly utmSources = new Map<string, number>();
  private readonly utmCampaigns = new Map<string, number>();
  /** Events by path, then by type; bounded like the rankings. */
  private readonly pathTypes = new Map<string, { total: number; types: Map<string, number> }>();

  add(event: CollectedEvent, sessionStarted: boolean): void {
    if (event.bot) {
      this.bots++;
      return;
    }
    this.events++;
    bump(this.types, event.type);
    this.visitors.add(event.visitor);
    if (sessionStarted) this.sessionsStarted++;
    if (event.path !== undefined) this.countPathType(event.path, event.type);
    switch (event.type) {
      case 'pageview':
        if (event.first) this.newVisitors.add(event.visitor);
        bump(this.paths, event.path, 1, RANKING_KEYS);
        if (event.referrerHost && event.channel !== 'internal')
          bump(this.referrers, event.referrerHost, 1, RANKING_KEYS);
        bump(this.channels, event.channel);
        bump(this.devices, event.device);
        bump(this.browsers, event.browser ?? 'unknown', 1, RANKING_KEYS);
        bump(this.countries, event.country ?? 'unknown', 1, RANKING_KEYS);
        bump(this.os, event.os ?? 'unknown', 1, RANKING_KEYS);
        bump(this.utmSources, event.utm?.source, 1, RANKING_KEYS);
        bump(this.utmCampaigns, event.utm?.campaign, 1, RANKING_KEYS);
        break;
      case 'scroll': {
        const page = event.page ?? `${event.visitor}:${event.path}`;
        this.scrollDepth.set(page, Math.max(this.scrollDepth.get(page) ?? 0, event.depth));
        break;
      }
      case 'heartbeat':
        this.activeMs += event.activeMs;
        this.visibleMs += event.visibleMs;
        break;
      case 'purchase':
        // One order counts once, however often its confirmation page was reloaded.
        if (!this.orders.has(event.orderId)) {
          this.orders.add(event.orderId);
          bump(this.revenue, event.currency, event.value);
        }
        break;
    }
  }

  private countPathType(path: string, type: string): void {
    let entry = this.pathTypes.get(path);
    if (!entry) {
      if (this.pathTypes.size >= RANKING_KEYS) return;
      entry = { total: 0, types: new Map() };
      this.pathTypes.set(path, entry);
    }
    entry.total++;
    bump(entry.types, type);
  }

  private topPathTypes(): Record<string, Record<string, number>> {
    return Object.fromEntries(
      [...this.pathTypes]
        .sort((a, b) => b[1].total - a[1].total || (a[0] < b[0] ? -1 : 1))
        .slice(0, PATH_TYPES)
        .map(([path, entry]) => [path, record(entry.types)]),
    );
  }

  /** A session that ended (inactivity) with its end counted in this window. */
  addSessionEnd(session: SessionRecord): void {
    this.sessionsEnded++;
    if (session.bounce) this.bounces++;
    this.sessionMsSum += session.durationMs;
  }

  metrics(): WindowMetrics {
    const reached = { 25: 0, 50: 0, 75: 0, 100: 0 };
    let depthSum = 0;
    for (const depth of this.scrollDepth.values()) {
      depthSum += depth;
      for (const quarter of [25, 50, 75, 100] as const) if (depth >= quarter) reached[quarter]++;
    }
    return {
      events: this.events,
      bots: this.bots,
      types: record(this.types),
      pageviews: this.types.get('pageview') ?? 0,
      visitors: this.visitors.size,
      newVisitors: this.newVisitors.size,
      sessionsStarted: this.sessionsStarted,
      sessionsEnded: this.sessionsEnded,
      bounces: this.bounces,
      sessionMsSum: this.sessionMsSum,
      scrolledPageviews: this.scrollDepth.size,
      scrollDepthSum: depthSum,
      scrollReached: reached,
      activeMs: this.activeMs,
      visibleMs: this.visibleMs,
      purchases: this.orders.size,
      revenue: record(this.revenue),
      topPaths: top(this.paths),
      topReferrers: top(this.referrers),
      channels: record(this.channels),
      devices: record(this.devices),
      browsers: record(this.browsers),
      countries: record(this.countries),
      os: record(this.os),
      utmSources: record(this.utmSources),
      utmCampaigns: record(this.utmCampaigns),
      pathTypes: this.topPathTypes(),
    };
  }
}
