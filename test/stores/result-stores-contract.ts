import { emptyWindowMetrics, type SessionRecord, type WindowAggregate } from '@sightline/contract';
import type { EventFilter, EventStore, SessionStore, WindowStore } from '@sightline/ports';
import { pageview } from './event-store-contract.js';
import { expect, it } from 'vitest';

const T0 = Date.UTC(2026, 0, 31, 23, 59, 50); // the next window starts in another month

/** A visit of site "shop" (ended unless `overrides` say otherwise). */
export const visitFixture = (
  id: string,
  partition: number,
  overrides: Partial<SessionRecord>,
): SessionRecord => ({
  id,
  site: 'shop',
  visitor: `visitor-${id}`,
  trackerSession: 's',
  partition,
  startOffset: 1,
  startEvent: `e-${id}`,
  lastOffset: 5,
  start: T0,
  end: T0 + 1_000,
  lastSeen: T0 + 1_000,
  events: 3,
  pageviews: 2,
  channel: 'direct',
  device: 'desktop',
  purchases: 0,
  revenue: {},
  activeMs: 0,
  status: 'ended',
  endedAt: T0 + 31_000,
  endWindow: T0 + 30_000,
  bounce: false,
  durationMs: 1_000,
  ...overrides,
});

/**
 * What every WindowStore and SessionStore must do: the same tests run against Elasticsearch and
 * the embedded store. `refresh` makes what was written searchable.
 */
export function resultStoresContract(
  setup: () => {
    windows: WindowStore;
    /** The events visits are selected by when a filter asks for visitors who reached something. */
    events: EventStore;
    sessions: SessionStore;
    refresh: () => Promise<void>;
  },
) {
  it('keeps one window per site, start and partition: the last written', async () => {
    const { windows, refresh } = setup();
    const aggregate = (
      partition: number,
      start: number,
      pageviews: number,
      final: boolean,
    ): WindowAggregate => ({
      v: 1,
      site: 'shop',
      start,
      partition,
      final,
      metrics: {
        ...emptyWindowMetrics(),
        pageviews,
        types: { pageview: pageviews },
        revenue: { EUR: 1.25 * pageviews },
        topPaths: [{ key: '/a', count: pageviews }],
        countries: { GB: pageviews },
      },
      activeVisitors: 2,
      watermark: start + 12_000,
    });
    await windows.writeWindows([
      aggregate(0, T0, 1, false),
      aggregate(1, T0, 4, false),
      aggregate(0, T0 + 10_000, 2, false),
    ]);
    const final = aggregate(0, T0, 3, true);
    await windows.writeWindows([final]);
    await refresh();
    const stored = await windows.windows({ site: 'shop', range: { from: T0, to: T0 + 20_000 } });
    expect(stored).toEqual([
      final,
      aggregate(1, T0, 4, false),
      aggregate(0, T0 + 10_000, 2, false),
    ]);
    expect(await windows.windows({ site: 'other', range: { from: T0, to: T0 + 20_000 } })).toEqual(
      [],
    );
  });

  it('gives back exactly the visits a resuming partition needs', async () => {
    const { sessions, refresh } = setup();
    const fromOffset = 100;
    const closedBefore = T0 + 60_000;
    const records = [
      visitFixture('open', 0, {
        status: 'open',
        endedAt: undefined,
        endWindow: undefined,
        bounce: undefined,
      }),
      visitFixture('replayed', 0, { lastOffset: 100 }),
      visitFixture('ended-into-open-window', 0, {
        endWindow: closedBefore,
        endedAt: closedBefore + 1,
      }),
      visitFixture('done', 0, {}),
      visitFixture('other-partition', 1, {
        status: 'open',
        endedAt: undefined,
        endWindow: undefined,
        bounce: undefined,
      }),
    ].map((r) => JSON.parse(JSON.stringify(r)) as SessionRecord);
    await sessions.writeSessions(records);
    const restored = await sessions.sessionsToRestore(0, fromOffset, closedBefore);
    expect(restored.map((r) => r.id).sort()).toEqual([
      'ended-into-open-window',
      'open',
      'replayed',
    ]);
    expect(restored.find((r) => r.id === 'open')).toEqual(records[0]);

    // A rewrite replaces the visit.
    await sessions.writeSessions([{ ...records[0]!, events: 9 }]);
    await refresh();
    const latest = await sessions.sessions({
      site: 'shop',
      range: { from: T0, to: T0 + 1 },
      visitor: 'visitor-open',
      limit: 10,
    });
    expect(latest.map((r) => r.events)).toEqual([9]);
  });

  it('counts bounces and durations of the visits that started in a range, open ones too', async () => {
    const { sessions, refresh } = setup();
    const visits = [
      // [start, page views, duration, status]: a tally apart from the store.
      [T0 + 1_000, 1, 0, 'open'],
      [T0 + 2_000, 3, 40_000, 'open'],
      [T0 + 3_000, 1, 5_000, 'ended'],
      [T0 + 4_000, 0, 2_000, 'ended'],
      [T0 + 5_000, 4, 90_000, 'ended'],
      [T0 - 1, 1, 7_000, 'ended'], // before the range
    ] as const;
    await sessions.writeSessions(
      visits.map(([start, pageviews, durationMs, status], i) => ({
        id: `stats-${i}`,
        site: 'stats',
        visitor: `v${i}`,
        trackerSession: 's',
        partition: 0,
        startOffset: i,
        startEvent: `e${i}`,
        lastOffset: i,
        start,
        end: start + durationMs,
        lastSeen: start + durationMs,
        events: pageviews + 1,
        pageviews,
        channel: 'direct',
        device: 'desktop',
        purchases: 0,
        revenue: {},
        activeMs: 0,
        status,
        ...(status === 'ended' ? { bounce: pageviews <= 1 } : {}),
        durationMs,
      })),
    );
    await refresh();
    const inRange = visits.filter(([start]) => start >= T0 && start < T0 + 60_000);
    expect(
      await sessions.visitStats({ site: 'stats', range: { from: T0, to: T0 + 60_000 } }),
    ).toEqual({
      visits: inRange.length,
      bounces: inRange.filter(([, pageviews]) => pageviews <= 1).length,
      durationMsSum: inRange.reduce((sum, [, , duration]) => sum + duration, 0),
    });
    expect(
      await sessions.visitStats({ site: 'nobody', range: { from: T0, to: T0 + 60_000 } }),
    ).toEqual({ visits: 0, bounces: 0, durationMsSum: 0 });
  });

  it('counts visits per entry and exit page, most first, and selects visits by their source and device', async () => {
    const { sessions, refresh } = setup();
    const visits = [
      // [entry, exit]: a tally apart from the store.
      ['/', '/pricing'],
      ['/', '/'],
      ['/blog/a', '/pricing'],
      ['/', '/docs'],
      ['/blog/a', undefined],
    ] as const;
    await sessions.writeSessions(
      visits.map(([entryPath, exitPath], i) => ({
        id: `pages-${i}`,
        site: 'pages',
        visitor: `v${i}`,
        trackerSession: 's',
        partition: 0,
        startOffset: i,
        startEvent: `e${i}`,
        lastOffset: i,
        start: T0 + i * 1_000,
        end: T0 + i * 1_000,
        lastSeen: T0 + i * 1_000,
        events: 1,
        pageviews: 1,
        entryPath,
        ...(exitPath ? { exitPath } : {}),
        channel: i === 2 ? 'referral' : 'direct',
        ...(i === 2 ? { referrerHost: 'news.example' } : {}),
        device: i % 2 === 1 ? 'mobile' : 'desktop',
        purchases: 0,
        revenue: {},
        activeMs: 0,
        status: 'open',
        durationMs: i * 1_000,
      })),
    );
    await refresh();
    const range = { from: T0, to: T0 + 60_000 };
    // Visits 1 and 3 are on phones; visit 2 came from news.example.
    const mobile = [{ field: 'device', op: 'eq' as const, value: 'mobile' }];
    expect(
      await sessions.topVisits({
        site: 'pages',
        range,
        dimension: 'entryPath',
        limit: 10,
        filters: mobile,
      }),
    ).toEqual([{ key: '/', visits: 2 }]);
    expect(await sessions.visitStats({ site: 'pages', range, filters: mobile })).toEqual({
      visits: 2,
      bounces: 2,
      durationMsSum: 4_000,
    });
    const notNews = [{ field: 'referrerHost', op: 'neq' as const, value: 'news.example' }];
    expect(
      (await sessions.sessions({ site: 'pages', range, limit: 10, filters: notNews }))
        .map((v) => v.id)
        .sort(),
    ).toEqual(['pages-0', 'pages-1', 'pages-3', 'pages-4']);
    expect(
      await sessions.topVisits({ site: 'pages', range, dimension: 'entryPath', limit: 10 }),
    ).toEqual([
      { key: '/', visits: 3 },
      { key: '/blog/a', visits: 2 },
    ]);
    expect(
      await sessions.topVisits({ site: 'pages', range, dimension: 'exitPath', limit: 2 }),
    ).toEqual([
      { key: '/pricing', visits: 2 },
      { key: '/', visits: 1 },
    ]);
  });

  it('selects the visits of the visitors who reached something in the range, or of the others', async () => {
    const { events, sessions, refresh } = setup();
    const site = 'reached';
    const visit = (id: string, visitor: string, start: number) =>
      visitFixture(id, 0, {
        site,
        visitor,
        start,
        end: start,
        lastSeen: start,
        startOffset: start,
        entryPath: `/${id}`,
      });
    await sessions.writeSessions([
      visit('r1', 'buyer', T0),
      visit('r2', 'buyer', T0 + 5_000),
      visit('r3', 'looker', T0 + 1_000),
      visit('r4', 'late-buyer', T0 + 2_000),
    ]);
    await events.append([
      pageview({ site, visitor: 'buyer', ts: T0 + 6_000 }),
      pageview({ site, visitor: 'buyer', type: 'purchase', ts: T0 + 7_000 }),
      pageview({ site, visitor: 'looker', ts: T0 + 1_000 }),
      // Bought, but after the range.
      pageview({ site, visitor: 'late-buyer', type: 'purchase', ts: T0 + 120_000 }),
    ]);
    await refresh();
    const range = { from: T0, to: T0 + 60_000 };
    const reached: EventFilter = {
      field: 'visitor',
      op: 'reached',
      events: [{ field: 'type', op: 'eq', value: 'purchase' }],
    };
    const ids = async (filters: EventFilter[]) =>
      (await sessions.sessions({ site, range, limit: 10, filters })).map((v) => v.id).sort();
    expect(await ids([reached])).toEqual(['r1', 'r2']);
    expect(await ids([{ ...reached, op: 'notReached' }])).toEqual(['r3', 'r4']);
    expect(await sessions.visitStats({ site, range, filters: [reached] })).toEqual({
      visits: 2,
      bounces: 0,
      durationMsSum: 2_000,
    });
    expect(
      await sessions.topVisits({
        site,
        range,
        dimension: 'entryPath',
        limit: 5,
        filters: [reached],
      }),
    ).toEqual([
      { key: '/r1', visits: 1 },
      { key: '/r2', visits: 1 },
    ]);
  });

  it('erases the visits of the visitors named, on that site only', async () => {
    const { sessions, refresh } = setup();
    const erasable = (site: string, visitor: string, i: number) =>
      visitFixture(`erase-${site}-${visitor}-${i}`, 3, {
        site,
        visitor,
        startOffset: i,
        startEvent: `erase-${site}-${visitor}-${i}`,
        lastOffset: i,
        status: 'open',
        endedAt: undefined,
        endWindow: undefined,
        bounce: undefined,
      });
    await sessions.writeSessions([
      erasable('erasing', 'gone', 1),
      erasable('erasing', 'gone', 2),
      erasable('erasing', 'kept', 3),
      erasable('other-erasing', 'gone', 4),
    ]);
    await refresh();
    expect(await sessions.erase('erasing', ['gone', 'never-seen'])).toBe(2);
    await refresh();
    const range = { from: T0, to: T0 + 60_000 };
    const left = async (site: string) =>
      (await sessions.sessions({ site, range, limit: 10 })).map((record) => record.visitor);
    expect(await left('erasing')).toEqual(['kept']);
    expect(await left('other-erasing')).toEqual(['gone']);
  });
}
