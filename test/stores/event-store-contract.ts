import { randomUUID } from 'node:crypto';
import type { CollectedEvent } from '@sightline/contract';
import type { EventFilter, EventStore } from '@sightline/ports';
import { expect, it } from 'vitest';

/** Spans midnight UTC: stores that split by day must join the days again. */
export const T0 = Date.UTC(2026, 0, 1, 23, 59, 0);
const STEP = 10_000;

export function pageview(overrides: Partial<CollectedEvent>): CollectedEvent {
  return {
    id: randomUUID(),
    type: 'pageview',
    visitor: 'v1',
    session: 's1',
    ts: T0,
    url: 'https://shop.example/',
    path: '/',
    v: 1,
    site: 'shop',
    receivedAt: T0,
    clientTs: T0,
    device: 'desktop',
    bot: false,
    channel: 'direct',
    ...overrides,
  } as CollectedEvent;
}

/** A deterministic generated stream: visitors, paths, campaigns and times vary with i. */
function stream(count: number): CollectedEvent[] {
  const paths = ['/', '/pricing', '/blog/a', '/blog/b'];
  return Array.from({ length: count }, (_, i) =>
    pageview({
      visitor: `v${i % 37}`,
      path: paths[i % paths.length]!,
      ts: T0 + ((i * 7_919) % 120_000),
      browser: i % 3 === 0 ? 'Firefox' : 'Chrome',
      bot: i % 50 === 49,
      seq: i % 7,
      ...(i % 5 === 0 ? { utm: { source: i % 10 === 0 ? 'newsletter' : 'ads' } } : {}),
    }),
  );
}

/**
 * What every EventStore must do, whatever holds the events: the same tests run against
 * Elasticsearch and the embedded store. `refresh` makes what was appended searchable.
 */
export function eventStoreContract(
  setup: () => { store: EventStore; refresh: () => Promise<void> },
) {
  const events = stream(500);
  // Appended later, in the replay: must count once like any other event.
  const extra = pageview({ path: '/late', ts: T0 + 61_000 });
  const humans = [...events, extra].filter((e) => !e.bot);
  const range = { from: T0, to: T0 + 120_000 };

  it('is ready', async () => {
    await expect(setup().store.check()).resolves.toBeUndefined();
  });

  it('stores each event once through a replay: rewound where the store has it, else deduplicated', async () => {
    const { store, refresh } = setup();
    // Event i was read at offset i of partition 0; `extra` follows at offset 500.
    const origin = (from: number, count: number) => ({
      partition: 0,
      offsets: Array.from({ length: count }, (_, i) => from + i),
    });
    expect(await store.append(events, origin(0, 500))).toEqual({
      created: 500,
      duplicates: 0,
      rejected: [],
    });
    // A processor resumes from its commit at offset 400: what it read from there comes again.
    await store.rewind?.(0, 400);
    const replay = await store.append([...events.slice(400), extra], origin(400, 101));
    expect(replay.rejected).toEqual([]);
    expect(replay.created + replay.duplicates).toBe(101);
    if (!store.rewind) expect(replay).toEqual({ created: 1, duplicates: 100, rejected: [] });
    await refresh();
    const all = await store.search({ site: 'shop', range, limit: 0, includeBots: true });
    expect(all.total).toBe(501);
  });

  it('searches with filters, newest first, without bots by default', async () => {
    const { store } = setup();
    const result = await store.search({
      site: 'shop',
      range,
      limit: 5,
      filters: [{ field: 'path', op: 'eq', value: '/pricing' }],
    });
    const expected = humans.filter((e) => e.path === '/pricing').sort((a, b) => b.ts - a.ts);
    expect(result.total).toBe(expected.length);
    expect(result.events.map((e) => e.ts)).toEqual(expected.slice(0, 5).map((e) => e.ts));
    expect(result.events[0]).toEqual(expected[0]);
    const otherSite = await store.search({ site: 'blog', range, limit: 1 });
    expect(otherSite.total).toBe(0);
  });

  it('scans every match oldest first, page by page, none repeated or skipped where times tie', async () => {
    const { store, refresh } = setup();
    // Events that share one time, on a site of their own (the other tests count site "shop").
    const tied = ['c', 'a', 'e', 'b', 'd'].map((letter) =>
      pageview({ id: `tie-${letter}`, site: 'scan', ts: T0 + 30_000 }),
    );
    await store.append([...tied, pageview({ id: 'tie-0', site: 'scan', ts: T0 })], {
      partition: 1,
      offsets: [0, 1, 2, 3, 4, 5],
    });
    await refresh();
    const scanAll = async (
      query: Omit<Parameters<EventStore['scan']>[0], 'limit' | 'after'>,
      limit: number,
    ) => {
      const pages: string[][] = [];
      let after: { ts: number; id: string } | undefined;
      for (;;) {
        const page = await store.scan({ ...query, limit, ...(after ? { after } : {}) });
        if (page.length === 0) return pages;
        pages.push(page.map((e) => e.id));
        after = { ts: page.at(-1)!.ts, id: page.at(-1)!.id };
      }
    };
    const tiedPages = await scanAll({ site: 'scan', range }, 2);
    expect(tiedPages).toEqual([
      ['tie-0', 'tie-a'],
      ['tie-b', 'tie-c'],
      ['tie-d', 'tie-e'],
    ]);
    const filters = [{ field: 'path', op: 'neq' as const, value: '/blog/a' }];
    const pages = await scanAll({ site: 'shop', range, filters }, 7);
    const expected = humans
      .filter((e) => e.path !== '/blog/a')
      .sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1))
      .map((e) => e.id);
    expect(pages.flat()).toEqual(expected);
    expect(pages.slice(0, -1).every((page) => page.length === 7)).toBe(true);
  });

  it('erases every event of the visitors named, on that site only', async () => {
    const { store, refresh } = setup();
    const of = (site: string, visitor: string, n: number) =>
      Array.from({ length: n }, (_, i) => pageview({ site, visitor, ts: T0 + i * 1_000 }));
    await store.append(
      [
        ...of('erase', 'gone', 5),
        ...of('erase', 'also-gone', 2),
        ...of('erase', 'kept', 3),
        ...of('erase-other', 'gone', 4),
      ],
      {
        partition: 2,
        offsets: Array.from({ length: 14 }, (_, i) => i),
      },
    );
    await refresh();
    expect(await store.erase('erase', ['gone', 'also-gone', 'never-seen'])).toBe(7);
    await refresh();
    const visitors = async (site: string) =>
      (await store.search({ site, range, limit: 50 })).events.map((e) => e.visitor);
    expect(await visitors('erase')).toEqual(['kept', 'kept', 'kept']);
    expect(await visitors('erase-other')).toHaveLength(4);
    expect(await store.erase('erase', ['gone'])).toBe(0);
  });

  it('filters on any field: not equal, prefix, exists, and fields of objects', async () => {
    const { store } = setup();
    const count = async (filters: Parameters<EventStore['search']>[0]['filters']) =>
      (await store.search({ site: 'shop', range, limit: 0, ...(filters ? { filters } : {}) }))
        .total;
    expect(await count([{ field: 'path', op: 'neq', value: '/' }])).toBe(
      humans.filter((e) => e.path !== '/').length,
    );
    expect(await count([{ field: 'path', op: 'prefix', value: '/blog/' }])).toBe(
      humans.filter((e) => e.path?.startsWith('/blog/')).length,
    );
    expect(await count([{ field: 'utm.source', op: 'exists' }])).toBe(
      humans.filter((e) => e.utm?.source !== undefined).length,
    );
    expect(
      await count([
        { field: 'utm.source', op: 'eq', value: 'newsletter' },
        { field: 'browser', op: 'eq', value: 'Chrome' },
      ]),
    ).toBe(humans.filter((e) => e.utm?.source === 'newsletter' && e.browser === 'Chrome').length);
    // Events without the field are "not equal" too.
    expect(await count([{ field: 'utm.source', op: 'neq', value: 'newsletter' }])).toBe(
      humans.filter((e) => e.utm?.source !== 'newsletter').length,
    );
  });

  it('filters on path patterns: * within a segment, ** across, the rest as written', async () => {
    const { store } = setup();
    const count = async (pattern: string) =>
      (
        await store.search({
          site: 'shop',
          range,
          limit: 0,
          filters: [{ field: 'path', op: 'match', value: pattern }],
        })
      ).total;
    const paths = (keep: (path: string) => boolean) => humans.filter((e) => keep(e.path)).length;
    expect(await count('/blog/*')).toBe(paths((p) => p.startsWith('/blog/')));
    expect(await count('/*')).toBe(paths((p) => !p.slice(1).includes('/')));
    expect(await count('/**')).toBe(humans.length);
    expect(await count('/pricing')).toBe(paths((p) => p === '/pricing'));
    expect(await count('/*/a')).toBe(paths((p) => p === '/blog/a'));
    // Characters that mean something to a regular expression match themselves.
    expect(await count('/blog/.')).toBe(0);
    expect(await count('/pric.*')).toBe(0);
  });

  it('answers a time series with unique visitors per step, empty steps included', async () => {
    const { store } = setup();
    const wide = { from: T0 - 2 * STEP, to: T0 + 120_000 };
    const buckets = await store.timeseries({ site: 'shop', range: wide, stepMs: STEP });
    expect(buckets).toHaveLength(14);
    expect(buckets.slice(0, 2)).toEqual([
      { time: T0 - 2 * STEP, events: 0, visitors: 0 },
      { time: T0 - STEP, events: 0, visitors: 0 },
    ]);
    for (const bucket of buckets) {
      const inStep = humans.filter((e) => e.ts >= bucket.time && e.ts < bucket.time + STEP);
      expect(bucket.events).toBe(inStep.length);
      expect(bucket.visitors).toBe(new Set(inStep.map((e) => e.visitor)).size);
    }
  });

  it('answers the top values of a dimension with unique visitors per value', async () => {
    const { store } = setup();
    const top = await store.topN({ site: 'shop', range, dimension: 'browser', limit: 10 });
    const expected = ['Chrome', 'Firefox'].map((browser) => {
      const matching = humans.filter((e) => e.browser === browser);
      return {
        key: browser,
        events: matching.length,
        visitors: new Set(matching.map((e) => e.visitor)).size,
      };
    });
    expect(top).toEqual(expected);
    const sources = await store.topN({ site: 'shop', range, dimension: 'utm.source', limit: 1 });
    const ads = humans.filter((e) => e.utm?.source === 'ads');
    const newsletter = humans.filter((e) => e.utm?.source === 'newsletter');
    expect(sources).toHaveLength(1);
    expect(sources[0]!.events).toBe(Math.max(ads.length, newsletter.length));
  });

  it('sums a numeric field per top value when asked', async () => {
    const { store } = setup();
    const top = await store.topN({
      site: 'shop',
      range,
      dimension: 'browser',
      limit: 10,
      sum: 'seq',
    });
    for (const bucket of top)
      expect(bucket.sum).toBe(
        humans.filter((e) => e.browser === bucket.key).reduce((n, e) => n + (e.seq ?? 0), 0),
      );
    expect(top.map((b) => b.key).sort()).toEqual(['Chrome', 'Firefox']);
  });

  it('follows visits through the steps of a funnel, in order and within each visit', async () => {
    const { store, refresh } = setup();
    const t = Date.UTC(2026, 0, 1, 22, 0, 0);
    // visit, second, path: the product page, the cart, the checkout.
    const visits = [
      ['v1', 0, '/product/a'],
      ['v1', 10, '/cart'],
      ['v1', 40, '/checkout'],
      ['v2', 0, '/product/b'],
      ['v2', 30, '/cart'],
      ['v3', 5, '/cart'], // the cart before the product: only its later steps count
      ['v3', 20, '/product/a'],
      ['v3', 80, '/checkout'],
      ['v4', 0, '/product/a'],
      ['v4', 3, '/product/b'], // a second product page: the first one counts
      ['v4', 50, '/cart'],
      ['v5', 0, '/checkout'], // never reached the first step
      ['v6', 0, '/product/c'],
      ['v6', 10, '/checkout'], // skipped the cart: the checkout does not count
    ] as const;
    await store.append(
      visits.map(([session, second, path]) =>
        pageview({ site: 'funnel', session, visitor: session, ts: t + second * 1_000, path }),
      ),
    );
    await refresh();
    const step = (value: string): { field: string; op: 'match'; value: string }[] => [
      { field: 'path', op: 'match', value },
    ];
    const steps = await store.funnel({
      site: 'funnel',
      range: { from: t, to: t + 3_600_000 },
      steps: [step('/product/*'), step('/cart'), step('/checkout')],
    });
    // Product: v1, v2, v3 (at 20 s), v4 (at 0 s), v6. Cart after it: v1 (10 s), v2 (30 s), v4
    // (50 s); v3's cart came before. Checkout after the cart: v1 (30 s).
    expect(steps).toEqual([
      { visits: 5 },
      { visits: 3, medianMs: 30_000 },
      { visits: 1, medianMs: 30_000 },
    ]);
    // Filters apply to every step. Without v1: v2, v3, v4 and v6 reach a product page; v2 (30 s)
    // and v4 (50 s) the cart after it.
    const filtered = await store.funnel({
      site: 'funnel',
      range: { from: t, to: t + 3_600_000 },
      filters: [{ field: 'visitor', op: 'neq', value: 'v1' }],
      steps: [step('/product/*'), step('/cart')],
    });
    expect(filtered).toEqual([{ visits: 4 }, { visits: 2, medianMs: 40_000 }]);
    // One step counts its visits; a step nobody matched ends the funnel at zero.
    const range = { from: t, to: t + 3_600_000 };
    expect(await store.funnel({ site: 'funnel', range, steps: [step('/cart')] })).toEqual([
      { visits: 4 },
    ]);
    expect(
      await store.funnel({ site: 'funnel', range, steps: [step('/cart'), step('/nowhere')] }),
    ).toEqual([{ visits: 4 }, { visits: 0 }]);
  });

  it('counts every target’s visitors, events and revenue per currency in one read', async () => {
    const { store, refresh } = setup();
    const t = Date.UTC(2026, 0, 1, 21, 0, 0);
    const event = (visitor: string, second: number, extra: Record<string, unknown>) =>
      pageview({
        site: 'goals',
        visitor,
        session: visitor,
        ts: t + second * 1_000,
        bot: visitor === 'bot',
        ...extra,
      });
    const purchase = (visitor: string, second: number, value: number, currency: string) =>
      event(visitor, second, {
        type: 'purchase',
        orderId: `${visitor}-${second}`,
        value,
        currency,
      });
    const signup = (visitor: string, second: number, plan: string) =>
      event(visitor, second, { type: 'custom', name: 'signup', props: { plan } });
    const written = [
      event('v1', 0, { path: '/pricing' }),
      event('v1', 5, { path: '/pricing' }),
      purchase('v1', 9, 10.5, 'EUR'),
      purchase('v1', 20, 4.25, 'EUR'),
      event('v2', 0, { path: '/blog/a' }),
      purchase('v2', 8, 7, 'USD'),
      signup('v2', 9, 'pro'),
      event('v3', 0, { path: '/pricing' }),
      signup('v3', 4, 'free'),
      event('v4', 0, { path: '/' }),
      // Bought two hours before the range: within it, v5 only looked.
      purchase('v5', -7_200, 3, 'EUR'),
      event('v5', 30, { path: '/' }),
      event('bot', 0, { path: '/pricing' }),
      purchase('bot', 1, 99, 'EUR'),
    ];
    await store.append(written);
    await refresh();
    const query = { site: 'goals', range: { from: t, to: t + 3_600_000 } };
    const pricing: EventFilter[] = [
      { field: 'type', op: 'eq', value: 'pageview' },
      { field: 'path', op: 'match', value: '/pricing' },
    ];
    const purchases: EventFilter[] = [{ field: 'type', op: 'eq', value: 'purchase' }];
    const proSignup: EventFilter[] = [
      { field: 'type', op: 'eq', value: 'custom' },
      { field: 'name', op: 'eq', value: 'signup' },
      { field: 'props.plan', op: 'eq', value: 'pro' },
    ];
    const never: EventFilter[] = [{ field: 'path', op: 'eq', value: '/nowhere' }];
    const counts = await store.conversions({
      ...query,
      targets: [pricing, purchases, proSignup, never],
    });
    expect(counts).toEqual({
      visitors: 5,
      targets: [
        { visitors: 2, events: 3, revenue: {} },
        { visitors: 2, events: 3, revenue: { EUR: 14.75, USD: 7 } },
        { visitors: 1, events: 1, revenue: {} },
        { visitors: 0, events: 0, revenue: {} },
      ],
    });
    // The query's own filters narrow every figure, the range's visitors too.
    const withoutV1 = await store.conversions({
      ...query,
      filters: [{ field: 'visitor', op: 'neq', value: 'v1' }],
      targets: [purchases],
    });
    expect(withoutV1).toEqual({
      visitors: 4,
      targets: [{ visitors: 1, events: 1, revenue: { USD: 7 } }],
    });
    // Bots when asked; no targets at all is the range's visitors alone.
    const all = await store.conversions({ ...query, includeBots: true, targets: [] });
    expect(all).toEqual({ visitors: 6, targets: [] });

    // Visitors who reached a target within the range: all their events, the target's and others.
    const reached: EventFilter = { field: 'visitor', op: 'reached', events: purchases };
    const buyers = await store.topN({
      ...query,
      filters: [reached],
      dimension: 'visitor',
      limit: 10,
    });
    expect(buyers).toEqual([
      { key: 'v1', events: 4, visitors: 1 },
      { key: 'v2', events: 3, visitors: 1 },
    ]);
    const others = await store.topN({
      ...query,
      filters: [{ ...reached, op: 'notReached' }],
      dimension: 'visitor',
      limit: 10,
    });
    expect(others).toEqual([
      { key: 'v3', events: 2, visitors: 1 },
      { key: 'v4', events: 1, visitors: 1 },
      { key: 'v5', events: 1, visitors: 1 },
    ]);
    // With other filters, and in the other queries: the pricing pages the buyers saw.
    const pricingOfBuyers = await store.search({
      ...query,
      filters: [reached, { field: 'path', op: 'eq', value: '/pricing' }],
      limit: 10,
      order: 'asc',
    });
    expect(pricingOfBuyers.events.map((e) => `${e.visitor} ${e.path}`)).toEqual([
      'v1 /pricing',
      'v1 /pricing',
    ]);
    const buyersGoals = await store.conversions({
      ...query,
      filters: [reached],
      targets: [pricing],
    });
    expect(buyersGoals).toEqual({
      visitors: 2,
      targets: [{ visitors: 1, events: 2, revenue: {} }],
    });
  });

  it('answers per-visitor, per-address activity per minute, busy ones only if asked', async () => {
    const { store, refresh } = setup();
    const minute = Date.UTC(2026, 0, 1, 23, 0, 0);
    const visits = [
      // visitor, address, country, second of the hour, type
      ['a', '203.0.113.0', 'GB', 5, 'pageview'],
      ['a', '203.0.113.0', 'GB', 20, 'click'],
      ['a', '203.0.113.0', 'GB', 50, 'pageview'],
      ['a', '198.51.100.0', 'FR', 55, 'pageview'], // another address: its own row
      ['a', '203.0.113.0', 'GB', 65, 'pageview'], // the next minute
      ['b', undefined, undefined, 10, 'pageview'],
    ] as const;
    await store.append(
      visits.map(([visitor, ip, country, second, type]) =>
        pageview({
          site: 'activity',
          visitor,
          ts: minute + second * 1_000,
          type,
          ...(ip ? { ip } : {}),
          ...(country ? { country } : {}),
          ...(type === 'click' ? { x: 1, y: 1, tag: 'a' } : {}),
        }),
      ),
    );
    await refresh();
    const query = {
      site: 'activity',
      range: { from: minute, to: minute + 120_000 },
      stepMs: 60_000,
    };
    expect(await store.activity({ ...query, limit: 10 })).toEqual([
      { start: minute, visitor: 'a', ip: '198.51.100.0', country: 'FR', events: 1, pageviews: 1 },
      { start: minute, visitor: 'a', ip: '203.0.113.0', country: 'GB', events: 3, pageviews: 2 },
      { start: minute, visitor: 'b', events: 1, pageviews: 1 },
      {
        start: minute + 60_000,
        visitor: 'a',
        ip: '203.0.113.0',
        country: 'GB',
        events: 1,
        pageviews: 1,
      },
    ]);
    expect(await store.activity({ ...query, minEvents: 2, limit: 10 })).toEqual([
      { start: minute, visitor: 'a', ip: '203.0.113.0', country: 'GB', events: 3, pageviews: 2 },
    ]);
    expect(await store.activity({ ...query, limit: 2 })).toHaveLength(2);
  });

  it('refuses a field the contract does not have', async () => {
    const { store } = setup();
    await expect(
      store.topN({
        site: 'shop',
        range: { from: T0, to: T0 + 1 },
        dimension: 'constructor',
        limit: 1,
      }),
    ).rejects.toThrow(/unknown field/);
    await expect(
      store.search({
        site: 'shop',
        range,
        limit: 1,
        filters: [{ field: "path') OR 1=1 --", op: 'eq', value: 'x' }],
      }),
    ).rejects.toThrow(/unknown field/);
  });
}
