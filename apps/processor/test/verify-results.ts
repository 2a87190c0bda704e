import type { WindowAggregate } from '@sightline/contract';
import type { EventStore, SessionStore, WindowStore, MetricsStore } from '@sightline/ports';
import { expect } from 'vitest';
import { expectedWindows } from '../../../test/streams/expected-windows.js';
import type { Message } from '../../../test/streams/generate-stream.js';

export const SETTINGS = { allowedLatenessMs: 20_000, sessionTimeoutMs: 60_000 };
/** The sites of the generated streams (test/streams). */
const SITES = ['shop', 'blog'];
const ALL_TIME = { from: 0, to: Date.UTC(2100, 0, 1) };

/** Numeric window fields compared between the series store and the independent computation. */
const SERIES_FIELDS = [
  'events',
  'bots',
  'pageviews',
  'visitors',
  'newVisitors',
  'sessionsStarted',
  'purchases',
  'scrolledPageviews',
  'scrollDepthSum',
  'activeMs',
  'visibleMs',
  'type_pageview',
  'type_click',
  'type_scroll',
  'type_heartbeat',
  'type_custom',
  'type_purchase',
] as const;

/**
 * What the stores hold equals the independent computation from the topic (each partition's
 * messages in offset order), exactly: every window per partition, visit totals, raw events, the
 * series per step and, where the store keeps them, raw points.
 */
export async function verifyResults(
  topic: Map<number, Message[]>,
  stores: {
    windows: WindowStore;
    sessions: SessionStore;
    events: EventStore;
    metrics: MetricsStore;
  },
  rawPoints?: () => Promise<number>,
  sites: readonly string[] = SITES,
): Promise<void> {
  const stored = new Map<string, WindowAggregate>();
  for (const site of sites) {
    for (const w of await stores.windows.windows({ site, range: ALL_TIME }))
      stored.set(`${w.site}:${w.start}:${w.partition}`, w);
  }
  let visits = 0;
  let bounces = 0;
  const visitList: string[] = [];
  let durationSum = 0;
  const wantSeries = new Map<string, Record<string, number>>();
  const ids = new Set<string>();
  let counted = 0;
  for (const [partition, messages] of topic) {
    for (const m of messages) for (const e of m.events) ids.add(e.id);
    const want = expectedWindows(messages, SETTINGS);
    visits += want.visits;
    visitList.push(...want.visitList);
    bounces += want.bounces;
    durationSum += want.durationSum;
    for (const [key, metrics] of want.metrics) {
      counted++;
      const window = stored.get(`${key}:${partition}`);
      expect(window?.final, `${key}:${partition}`).toBe(true);
      const { sessionsEnded: _e, bounces: _b, sessionMsSum: _s, revenue, ...got } = window!.metrics;
      const { revenue: wantRevenue, ...rest } = metrics;
      expect(got, `${key}:${partition}`).toEqual(rest);
      expect(Object.keys(revenue).sort()).toEqual(Object.keys(wantRevenue!).sort());
      for (const [currency, amount] of Object.entries(revenue))
        expect(amount).toBeCloseTo(wantRevenue![currency]!, 6);
      const sums = wantSeries.get(key) ?? {};
      const flat: Record<string, number> = {
        ...metrics,
        ...Object.fromEntries(Object.entries(metrics.types!).map(([t, n]) => [`type_${t}`, n])),
      } as unknown as Record<string, number>;
      for (const field of SERIES_FIELDS) sums[field] = (sums[field] ?? 0) + (flat[field] ?? 0);
      wantSeries.set(key, sums);
    }
  }
  expect(counted).toBeGreaterThan(0);
  // Any other stored window holds only ends of visits.
  const withEvents = new Set(
    [...topic].flatMap(([partition, messages]) =>
      [...expectedWindows(messages, SETTINGS).metrics.keys()].map((k) => `${k}:${partition}`),
    ),
  );
  for (const [key, w] of stored) {
    if (!withEvents.has(key)) expect([w.metrics.events, w.metrics.bots], key).toEqual([0, 0]);
    expect(w.final, key).toBe(true);
  }
  const total = (pick: (w: WindowAggregate) => number) =>
    [...stored.values()].reduce((sum, w) => sum + pick(w), 0);

  // Visits in Elasticsearch: every one, ended.
  const sessions = (
    await Promise.all(
      sites.map((site) => stores.sessions.sessions({ site, range: ALL_TIME, limit: 1_000_000 })),
    )
  ).flat();
  expect(sessions).toHaveLength(visits);
  expect(sessions.every((s) => s.status === 'ended')).toBe(true);
  // Visit by visit, so that a difference names the visit (not only a total off by one).
  expect(
    sessions
      .map((s) => `${s.site}:${s.visitor} ${s.start}-${s.end} ${s.events}/${s.pageviews}`)
      .sort(),
  ).toEqual(visitList.sort());
  // And the windows count each visit's end once.
  expect(total((w) => w.metrics.sessionsEnded)).toBe(visits);
  expect(total((w) => w.metrics.bounces)).toBe(bounces);
  expect(total((w) => w.metrics.sessionMsSum)).toBe(durationSum);

  // Raw events: each id once in Elasticsearch and once as an InfluxDB point.
  let raw = 0;
  for (const site of sites)
    raw += (await stores.events.search({ site, range: ALL_TIME, limit: 0, includeBots: true }))
      .total;
  expect(raw).toBe(ids.size);
  if (rawPoints) expect(await rawPoints()).toBe(ids.size);

  // InfluxDB: per site and 10-second step, the partitions summed.
  for (const site of sites) {
    const series = await stores.metrics.series({
      site,
      range: ALL_TIME,
      stepMs: 10_000,
      fields: [...SERIES_FIELDS],
    });
    const got = new Map(series.map((p) => [`${site}:${p.time}`, p.values]));
    for (const [key, sums] of wantSeries) {
      if (!key.startsWith(`${site}:`)) continue;
      expect(got.get(key), key).toEqual(sums);
    }
  }
}
