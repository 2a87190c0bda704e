import { describe, expect, it } from 'vitest';
import {
  WINDOW_MS,
  sessionRecord,
  windowAggregate,
  type CollectedEvent,
  type SessionRecord,
  type WindowAggregate,
  type WindowMetrics,
} from '@sightline/contract';
import {
  decodeCheckpoint,
  PartitionState,
  sessionsToRestore,
  type PartitionOptions,
} from '../src/index.js';
import { generateStream, prng, type Message } from './stream.js';

const options: PartitionOptions = {
  allowedLatenessMs: 20_000,
  sessionTimeoutMs: 60_000,
  activeVisitorsMs: 300_000,
};

/** What a store holds: the last write per window and per visit, and the committed checkpoint. */
interface Stored {
  windows: Map<string, WindowAggregate>;
  sessions: Map<string, SessionRecord>;
  commit?: { offset: number; metadata: string };
}

const emptyStore = (): Stored => ({ windows: new Map(), sessions: new Map() });

/**
 * Runs the processor's loop over `messages` from the store's checkpoint: restore, apply, flush
 * every few messages (store, then commit). Stops after `crashAfter` messages, optionally having
 * stored a flush without committing it.
 */
function run(
  store: Stored,
  messages: Message[],
  random: () => number,
  crashAfter = Infinity,
  storeWithoutCommit = false,
) {
  const checkpoint = decodeCheckpoint(store.commit?.metadata);
  const from = store.commit?.offset ?? 0;
  const restored = checkpoint
    ? [...store.sessions.values()].filter((s) => sessionsToRestore(s, from, checkpoint))
    : [];
  const state = new PartitionState(0, options, checkpoint, structuredClone(restored));
  const persist = (commit: boolean) => {
    const result = state.flush();
    for (const window of result.windows)
      store.windows.set(`${window.site}:${window.start}`, structuredClone(window));
    for (const session of result.sessions) store.sessions.set(session.id, structuredClone(session));
    if (commit && result.commit) store.commit = result.commit;
  };
  let applied = 0;
  for (const message of messages.slice(from)) {
    if (applied === crashAfter) {
      if (storeWithoutCommit) persist(false);
      return false;
    }
    if (message.clock === undefined) state.apply(message.offset, message.events);
    else state.tick(message.offset, message.clock);
    applied++;
    if (random() < 0.1) persist(true);
  }
  persist(true);
  return true;
}

/** The per-window metrics, computed straight from the input by the rules the product documents. */
function expected(messages: Message[]) {
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
    { lastSeen: number; start: number; end: number; pageviews: number }[]
  >();
  for (const { events, clock } of messages) {
    if (clock !== undefined) watermark = Math.max(watermark, clock);
    for (const event of events) {
      watermark = Math.max(watermark, event.receivedAt);
      const closedBefore =
        Math.floor((watermark - options.allowedLatenessMs) / WINDOW_MS) * WINDOW_MS;
      const start = Math.floor(event.ts / WINDOW_MS) * WINDOW_MS;
      const key = `${event.site}:${start}`;
      if (start < closedBefore) {
        late++;
        continue;
      }
      if (seen.has(`${key}:${event.id}`)) continue;
      seen.add(`${key}:${event.id}`);
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
        list.push({ lastSeen: event.receivedAt, start: event.ts, end: event.ts, pageviews: 0 });
        w.sessionsStarted++;
      }
      const visit = list.at(-1)!;
      visit.lastSeen = Math.max(visit.lastSeen, event.receivedAt);
      visit.start = Math.min(visit.start, event.ts);
      visit.end = Math.max(visit.end, event.ts);
      w.events++;
      bump(w.types, event.type);
      w.visitors.add(event.visitor);
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
    });
  }
  const allVisits = [...visits.values()].flat();
  return {
    metrics,
    late,
    visits: allVisits.length,
    bounces: allVisits.filter((v) => v.pageviews <= 1).length,
    durationSum: allVisits.reduce((sum, v) => sum + v.end - v.start, 0),
  };
}

const sum = (store: Stored, pick: (m: WindowMetrics) => number) =>
  [...store.windows.values()].reduce((total, w) => total + pick(w.metrics), 0);

/**
 * What must not depend on when flushes happened: each window's metrics and finality (revenue sums
 * are floating point, so to the cent). The watermark and "visitors now" are observations of the
 * moment of the write.
 */
const results = (windows: Map<string, WindowAggregate>) =>
  new Map(
    [...windows].map(([key, w]) => [
      key,
      {
        final: w.final,
        metrics: {
          ...w.metrics,
          revenue: Object.fromEntries(
            Object.entries(w.metrics.revenue).map(([c, v]) => [c, Math.round(v * 100)]),
          ),
        },
      },
    ]),
  );

describe('PartitionState', () => {
  it.each([1, 2, 3])(
    'stores per-window totals equal to an independent computation (seed %i)',
    (seed) => {
      const messages = generateStream(seed, 3_000);
      const store = emptyStore();
      expect(run(store, messages, prng(seed + 100))).toBe(true);
      const want = expected(messages);
      const last = messages.at(-1)!.events[0]!;

      expect(want.late).toBeGreaterThan(0);
      // Windows beyond those with events hold only the ends of visits (ended by inactivity).
      for (const [key, window] of store.windows) {
        if (!want.metrics.has(key))
          expect([
            window.metrics.events,
            window.metrics.bots,
            window.metrics.sessionsEnded > 0,
          ]).toEqual([0, 0, true]);
      }
      for (const [key, metrics] of want.metrics) {
        const window = store.windows.get(key);
        // All final but the window of the last event.
        expect(window?.final, key).toBe(window!.start < last.ts - WINDOW_MS);
        const {
          sessionsEnded: _e,
          bounces: _b,
          sessionMsSum: _d,
          revenue,
          ...got
        } = window!.metrics;
        const { revenue: wantRevenue, ...rest } = metrics;
        expect(got, key).toEqual(rest);
        expect(Object.keys(revenue).sort()).toEqual(Object.keys(wantRevenue!).sort());
        for (const currency of Object.keys(revenue))
          expect(revenue[currency]).toBeCloseTo(wantRevenue![currency]!, 6);
      }
      // Every visit ended (the stream ends an hour later): each end counted once, in some window.
      expect(sum(store, (m) => m.sessionsEnded)).toBe(want.visits);
      expect(sum(store, (m) => m.bounces)).toBe(want.bounces);
      expect(sum(store, (m) => m.sessionMsSum)).toBe(want.durationSum);
      expect(store.sessions.size).toBe(want.visits);
      // What is written and published satisfies the contract.
      for (const window of store.windows.values())
        expect(windowAggregate.safeParse(window).error).toBeUndefined();
      for (const session of store.sessions.values())
        expect(sessionRecord.safeParse(session).error).toBeUndefined();
      expect([...store.sessions.values()].every((s) => s.status === 'ended')).toBe(true);
    },
  );

  it('counts a repeated event id once and a too-late event not at all', () => {
    const base = generateStream(7, 5).flatMap((m) => m.events)[0]!;
    const event = (id: string, ts: number, receivedAt: number): CollectedEvent => ({
      ...base,
      id,
      ts,
      receivedAt,
      bot: false,
    });
    const t = 1_800_000_000_000;
    const state = new PartitionState(0, options);
    state.apply(0, [event('a', t, t)]);
    state.apply(1, [event('a', t, t + 10)]);
    state.apply(2, [event('b', t + 60_000, t + 60_000)]);
    state.apply(3, [event('c', t, t + 60_001)]);
    const { windows } = state.flush();
    const first = windows.find((w) => w.start === Math.floor(t / WINDOW_MS) * WINDOW_MS);
    expect(first?.final).toBe(true);
    expect(first?.metrics.events).toBe(1);
    expect(state.duplicates).toBe(1);
    expect(state.late).toBe(1);
  });

  it('commits no further than the first offset of the earliest open window', () => {
    const messages = generateStream(4, 400);
    const state = new PartitionState(0, options);
    for (const message of messages.slice(0, 300)) {
      if (message.clock === undefined) state.apply(message.offset, message.events);
      else state.tick(message.offset, message.clock);
    }
    const { commit, windows } = state.flush();
    const open = windows.filter((w) => !w.final);
    expect(open.length).toBeGreaterThan(0);
    expect(commit!.offset).toBeLessThanOrEqual(300);
    // Every event of an open window sits at or after the committed offset.
    const openStarts = new Set(open.map((w) => `${w.site}:${w.start}`));
    const before = messages.slice(0, commit!.offset).flatMap((m) => m.events);
    const inOpen = before.filter((e) =>
      openStarts.has(`${e.site}:${Math.floor(e.ts / WINDOW_MS) * WINDOW_MS}`),
    );
    expect(inOpen).toEqual([]);
  });

  it.each(Array.from({ length: 24 }, (_, i) => i))(
    'after a crash at a random offset and a replay from the checkpoint, stores the same as an uninterrupted run (case %i)',
    (i) => {
      const messages = generateStream(10 + (i % 4), 2_000);
      const reference = emptyStore();
      run(reference, messages, prng(i));
      const random = prng(1_000 + i);
      const store = emptyStore();
      let crashes = 0;
      // Crash up to three times, sometimes right after storing a flush that was never committed.
      while (
        !run(
          store,
          messages,
          random,
          crashes < 3 ? Math.floor(random() * 900) : Infinity,
          random() < 0.5,
        )
      )
        crashes++;
      expect(results(store.windows)).toEqual(results(reference.windows));
      expect(store.sessions).toEqual(reference.sessions);
    },
  );
});
