import type { CollectedEvent } from '@sightline/contract';
import type { FunnelQuery } from '@sightline/ports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageview } from '../../../test/stores/event-store-contract.js';
import { funnelKey } from '../src/elasticsearch/funnel-key.js';
import { clockedStore } from './clocked-store.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Six hours before this one: the visits below are over, but for g. */
const H = Math.floor(Date.now() / HOUR) * HOUR - 6 * HOUR;

describe('funnels from hourly blocks on a real Elasticsearch', () => {
  const { prefix, store, clock, refresh, drop } = clockedStore('es-blocks');
  const visit = (session: string, minute: number, path: string, receivedAt?: number) =>
    pageview({
      site: 'blocks',
      session,
      visitor: session,
      ts: H + minute * MIN,
      receivedAt: receivedAt ?? H + minute * MIN,
      path,
    });
  const step = (value: string) => [{ field: 'path', op: 'match' as const, value }];
  // From 20 minutes before H to 3 h 45 min after: hours H, H+1 and H+2 are whole in it.
  const query: FunnelQuery = {
    site: 'blocks',
    range: { from: H - 20 * MIN, to: H + 225 * MIN },
    steps: [step('/product/*'), step('/cart'), step('/checkout')],
  };
  const blockHours = async () => {
    await refresh();
    const found = await store.client.search<{ hour: number }>({
      index: `${prefix}-funnel-blocks`,
      size: 100,
      query: { term: { site: 'blocks' } },
    });
    return found.hits.hits.map((hit) => hit._source!.hour).sort((a, b) => a - b);
  };
  const rawCheckout = { id: '' };

  beforeAll(async () => {
    await store.ensureSchema();
    const events: CollectedEvent[] = [
      visit('a', 10, '/product/1'),
      visit('a', 20, '/cart'),
      visit('a', 120, '/checkout'), // two hours on: the block of H still holds it
      visit('b', 50, '/product/2'),
      visit('b', 65, '/cart'), // the next hour
      visit('c', 90, '/product/1'),
      visit('c', 130, '/product/2'), // a second product page, in a later hour: the first counts
      visit('c', 140, '/cart'),
      visit('d', -30, '/product/1'), // before the range: d never reaches the first step in it
      visit('d', 15, '/cart'),
      visit('h', -25, '/product/2'), // before the range, going on into it: from H+5 in it
      visit('h', 5, '/product/1'),
      visit('h', 15, '/cart'),
      visit('k', -90, '/product/1'), // a visit with a long pause (a cookieless day, say):
      visit('k', 30, '/product/2'), // in the range from H+30
      visit('k', 40, '/cart'),
      visit('e', 190, '/product/3'), // the last, partial hour: read from the events
      visit('e', 220, '/cart'),
      visit('g', 150, '/product/1'),
      // g goes on to this minute: its hour is not over, so no block stands for it yet.
      pageview({ site: 'blocks', session: 'g', visitor: 'g', ts: Date.now() - MIN, path: '/x' }),
    ];
    rawCheckout.id = events[2]!.id;
    await store.append(events);
    await refresh();
    // Stored minutes ago: searchable for sure by the time the blocks are built.
    clock.ahead = 2 * MIN;
  });
  afterAll(drop);

  // Worked out by hand. Product: a (H+10), b (H+50), c (H+90), e (H+190), g (H+150), h (H+5),
  // k (H+30). Cart after it: a 10 min, b 15, c 50, e 30, h 10, k 10. Checkout after the cart:
  // a, 100 min.
  const expected = [
    { visits: 7 },
    { visits: 6, medianMs: 12.5 * MIN },
    { visits: 1, medianMs: 100 * MIN },
  ];

  it('answers from the events first, then builds the blocks of the hours that are over', async () => {
    expect(await store.funnel(query)).toEqual(expected);
    await store.funnelBlocksBuilt();
    // H+2 holds g, whose visit is not over.
    expect(await blockHours()).toEqual([H, H + HOUR]);
    expect(await store.funnel(query)).toEqual(expected);
  });

  it('builds a funnel’s blocks ahead of its first query when asked to prepare', async () => {
    const two = { ...query, steps: query.steps.slice(0, 2) };
    store.prepareFunnel(two);
    await store.funnelBlocksBuilt();
    await refresh();
    const found = await store.client.count({
      index: `${prefix}-funnel-blocks`,
      query: { term: { site: 'blocks' } },
    });
    // H and H+1 of this funnel too, beside the three-step funnel's.
    expect(found.count).toBe(4);
    expect(await store.funnel(two)).toEqual(expected.slice(0, 2));
  });

  it('builds every hour asked for while a build of the same funnel goes on', async () => {
    const other = { ...query, steps: [step('/product/*'), step('/checkout')] };
    await store.funnel({ ...other, range: { from: H, to: H + HOUR } }); // builds H, in the background
    store.prepareFunnel({ ...other, range: { from: H - 3 * HOUR, to: H + 3 * HOUR } });
    await store.funnelBlocksBuilt();
    await refresh();
    const found = await store.client.search<{ hour: number }>({
      index: `${prefix}-funnel-blocks`,
      size: 100,
      query: { term: { key: funnelKey(other) } },
    });
    // Every whole hour but H+2, where g's visit goes on.
    expect(found.hits.hits.map((hit) => hit._source!.hour).sort((a, b) => a - b)).toEqual([
      H - 3 * HOUR,
      H - 2 * HOUR,
      H - HOUR,
      H,
      H + HOUR,
    ]);
  });

  it('answers the hours of its blocks from them', async () => {
    // Removed behind the store's back: the block of H still counts a's checkout.
    await store.client
      .deleteByQuery({
        index: `${prefix}-events-*`,
        query: { ids: { values: [rawCheckout.id] } },
        refresh: true,
      })
      .catch(async () => {
        // A minimal Elasticsearch has no delete-by-query: delete the document where it is.
        const found = await store.client.search({
          index: `${prefix}-events-*`,
          query: { ids: { values: [rawCheckout.id] } },
        });
        const hit = found.hits.hits[0]!;
        await store.client.delete({ index: hit._index, id: hit._id!, refresh: true });
      });
    expect(await store.funnel(query)).toEqual(expected);
  });

  it('answers from the events again for hours an event reached after their block was built', async () => {
    // b's checkout, delivered late (offline): b reaches the checkout 5 minutes after the cart.
    await store.append([visit('b', 70, '/checkout', Date.now())]);
    await refresh();
    const late = await store.funnel(query);
    // a's checkout is gone from the events (above), so only b's counts now.
    expect(late).toEqual([expected[0], expected[1], { visits: 1, medianMs: 5 * MIN }]);
    await store.funnelBlocksBuilt();
    await refresh();
    expect(await store.funnel(query)).toEqual(late);
  });

  it('answers from the events for a visit that goes on after its block was built', async () => {
    // c (whose block is H+1) reaches the checkout now, hours later (a cookieless visit lasts
    // its day): a range up to now counts it.
    const now = Date.now();
    await store.append([
      pageview({
        site: 'blocks',
        session: 'c',
        visitor: 'c',
        ts: now - 2 * MIN,
        path: '/checkout',
      }),
    ]);
    await refresh();
    const cTook = now - 2 * MIN - (H + 140 * MIN);
    expect(await store.funnel({ ...query, range: { from: query.range.from, to: now } })).toEqual([
      expected[0],
      expected[1],
      { visits: 2, medianMs: (5 * MIN + cTook) / 2 },
    ]);
  });

  it('forgets a site’s blocks when visitors are erased', async () => {
    await store.funnelBlocksBuilt();
    await store.erase('blocks', ['c']);
    expect(await blockHours()).toEqual([]);
    expect(await store.funnel(query)).toEqual([
      { visits: 6 },
      { visits: 5, medianMs: 10 * MIN },
      { visits: 1, medianMs: 5 * MIN },
    ]);
  });
});
