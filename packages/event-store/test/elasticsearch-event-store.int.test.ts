import { randomUUID } from 'node:crypto';
import { loadConfig } from '@sightline/config';
import type { CollectedEvent } from '@sightline/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services, uniqueName } from '../../../test/integration/services.js';
import { createElasticsearchClient, ElasticsearchEventStore } from '../src/index.js';

const T0 = Date.UTC(2026, 0, 1, 23, 59, 0); // spans midnight: events land in two daily indices
const STEP = 10_000;

function pageview(overrides: Partial<CollectedEvent>): CollectedEvent {
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

/** A deterministic generated stream: visitors, paths and times vary with i. */
function stream(count: number): CollectedEvent[] {
  const paths = ['/', '/pricing', '/blog/a', '/blog/b'];
  return Array.from({ length: count }, (_, i) =>
    pageview({
      visitor: `v${i % 37}`,
      path: paths[i % paths.length]!,
      ts: T0 + ((i * 7_919) % 120_000),
      browser: i % 3 === 0 ? 'Firefox' : 'Chrome',
      bot: i % 50 === 49,
    }),
  );
}

describe('ElasticsearchEventStore on a real server', () => {
  const prefix = uniqueName('es');
  const config = loadConfig({
    ELASTICSEARCH_URL: services.elasticsearchUrl,
    ELASTICSEARCH_INDEX_PREFIX: prefix,
  }).elasticsearch;
  const store = new ElasticsearchEventStore(createElasticsearchClient(config), config);
  const events = stream(500);
  // Appended later, in the replay: must count once like any other event.
  const extra = pageview({ path: '/late', ts: T0 + 61_000 });
  const humans = [...events, extra].filter((e) => !e.bot);

  beforeAll(async () => {
    await store.ensureSchema();
    await store.ensureSchema(); // idempotent
  });
  afterAll(async () => {
    await store.client.indices.delete({ index: `${prefix}-*`, allow_no_indices: true });
    await store.client.indices.deleteIndexTemplate({ name: `${prefix}-events` });
    await store.close();
  });

  it('is ready', async () => {
    await expect(store.check()).resolves.toBeUndefined();
  });

  it('bulk-indexes into daily indices created from the template, each event id once', async () => {
    const first = await store.append(events);
    expect(first).toEqual({ created: 500, duplicates: 0, rejected: [] });
    // A replay of the same events (and one new) counts the repeats as duplicates only.
    const replay = await store.append([...events.slice(0, 100), extra]);
    expect(replay).toEqual({ created: 1, duplicates: 100, rejected: [] });
    await store.refresh();

    const indices = await store.client.cat.indices({ index: `${prefix}-events-*`, format: 'json' });
    expect(indices.map((i) => i.index).sort()).toEqual([
      `${prefix}-events-2026.01.01`,
      `${prefix}-events-2026.01.02`,
    ]);
    const mapping = await store.client.indices.getMapping({ index: `${prefix}-events-2026.01.01` });
    const properties = Object.values(mapping)[0]!.mappings.properties!;
    expect(properties.ts).toMatchObject({ type: 'date' });
    expect(properties.props).toMatchObject({ type: 'flattened' });
  });

  it('searches with filters, newest first, without bots by default', async () => {
    const range = { from: T0, to: T0 + 120_000 };
    const result = await store.search({
      site: 'shop',
      range,
      limit: 5,
      filters: [{ field: 'path', op: 'eq', value: '/pricing' }],
    });
    const expected = humans.filter((e) => e.path === '/pricing').sort((a, b) => b.ts - a.ts);
    expect(result.total).toBe(expected.length);
    expect(result.events.map((e) => e.ts)).toEqual(expected.slice(0, 5).map((e) => e.ts));

    const withBots = await store.search({ site: 'shop', range, limit: 0, includeBots: true });
    expect(withBots.total).toBe(501);
    const otherSite = await store.search({ site: 'blog', range, limit: 1 });
    expect(otherSite.total).toBe(0);
  });

  it('answers a date histogram with unique visitors per step', async () => {
    const range = { from: T0, to: T0 + 120_000 };
    const buckets = await store.timeseries({ site: 'shop', range, stepMs: STEP });
    expect(buckets).toHaveLength(12);
    for (const bucket of buckets) {
      const inStep = humans.filter((e) => e.ts >= bucket.time && e.ts < bucket.time + STEP);
      expect(bucket.events).toBe(inStep.length);
      expect(bucket.visitors).toBe(new Set(inStep.map((e) => e.visitor)).size);
    }
  });

  it('answers a terms aggregation with unique visitors per value', async () => {
    const range = { from: T0, to: T0 + 120_000 };
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
  });

  it('refuses a field the contract does not have', async () => {
    await expect(
      store.topN({
        site: 'shop',
        range: { from: T0, to: T0 + 1 },
        dimension: 'constructor',
        limit: 1,
      }),
    ).rejects.toThrow(/unknown field/);
  });
});
