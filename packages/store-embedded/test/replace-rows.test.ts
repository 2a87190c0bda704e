import { emptyWindowMetrics, type SessionRecord, type WindowAggregate } from '@sightline/contract';
import { isStoreRefusal } from '@sightline/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageview } from '../../../test/stores/event-store-contract.js';
import { profileHitFixture } from '../../../test/stores/hit-store-contract.js';
import { openEmbeddedStores, type EmbeddedStores } from '../src/index.js';

const T0 = Date.UTC(2026, 3, 1, 12, 0, 0);
const range = { from: T0 - 3_600_000, to: T0 + 3_600_000 };

const visit = (partition: number, startOffset: number, events: number): SessionRecord => ({
  id: `${partition}-${startOffset}`,
  site: 'replace',
  visitor: `visitor-${partition}-${startOffset}`,
  trackerSession: 's',
  partition,
  startOffset,
  startEvent: `e-${startOffset}`,
  lastOffset: startOffset + events,
  start: T0 + startOffset,
  end: T0 + startOffset,
  lastSeen: T0 + startOffset,
  events,
  pageviews: 1,
  channel: 'direct',
  device: 'desktop',
  purchases: 0,
  revenue: {},
  activeMs: 0,
  status: 'open',
  durationMs: 0,
});

const window = (partition: number, start: number, pageviews: number): WindowAggregate => ({
  v: 1,
  site: 'replace',
  start,
  partition,
  final: false,
  metrics: { ...emptyWindowMetrics(), pageviews },
  activeVisitors: 1,
  watermark: start + 10_000,
});

describe('rows the embedded store replaces without a primary key', () => {
  let stores: EmbeddedStores;
  beforeAll(async () => {
    stores = await openEmbeddedStores(':memory:');
    await stores.ensureSchemas();
  });
  afterAll(() => stores.close());

  it('keeps the last write of a visit, across batches and within one, whatever came between', async () => {
    await stores.sessions.writeSessions([visit(0, 10, 1), visit(1, 10, 1)]);
    // Many later visits between the first write and the rewrite.
    for (let batch = 0; batch < 5; batch++)
      await stores.sessions.writeSessions(
        Array.from({ length: 1_000 }, (_, i) => visit(0, 1_000 + batch * 1_000 + i, 1)),
      );
    await stores.sessions.writeSessions([visit(0, 10, 2), visit(0, 6_000, 1), visit(0, 10, 3)]);
    const found = await stores.sessions.sessions({ site: 'replace', range, limit: 10_000 });
    expect(found).toHaveLength(5_003);
    const byId = (id: string) => found.filter((record) => record.id === id);
    expect(byId('0-10').map((record) => record.events)).toEqual([3]);
    expect(byId('1-10').map((record) => record.events)).toEqual([1]);
  });

  it('keeps the last write of a window and of its series point', async () => {
    await stores.windows.writeWindows([window(0, T0, 1), window(1, T0, 1)]);
    await stores.metrics.writeWindows([window(0, T0, 1), window(1, T0, 1)]);
    const later = Array.from({ length: 500 }, (_, i) => window(0, T0 + (i + 1) * 10_000, 1));
    await stores.windows.writeWindows(later);
    await stores.metrics.writeWindows(later);
    const rewrite = [window(0, T0, 2), window(0, T0 + 10_000, 4), window(0, T0, 3)];
    await stores.windows.writeWindows(rewrite);
    await stores.metrics.writeWindows(rewrite);
    const first = await stores.windows.windows({
      site: 'replace',
      range: { from: T0, to: T0 + 20_000 },
    });
    expect(first.map((w) => [w.partition, w.start - T0, w.metrics.pageviews])).toEqual([
      [0, 0, 3],
      [1, 0, 1],
      [0, 10_000, 4],
    ]);
    const series = await stores.metrics.series({
      site: 'replace',
      range: { from: T0, to: T0 + 20_000 },
      stepMs: 10_000,
      fields: ['pageviews'],
    });
    expect(series.map((point) => point.values.pageviews)).toEqual([4, 4]);
  });

  it('keeps the last write of a hit', async () => {
    const hit = profileHitFixture('a', 'buyer', T0, 'replace');
    await stores.hits.writeHits([hit, profileHitFixture('b', 'buyer', T0 + 1, 'replace')]);
    await stores.hits.writeHits([
      { ...hit, outcome: 'holdout' },
      { ...hit, outcome: 'suppressed' },
    ]);
    const found = await stores.hits.hits({ site: 'replace', range, limit: 10 });
    expect(found.map((h) => [h.visitor, h.outcome])).toEqual([
      ['b', 'sent'],
      ['a', 'suppressed'],
    ]);
  });

  it('refuses a bad batch as a whole, leaving the rows before it untouched', async () => {
    await stores.sessions.writeSessions([visit(2, 10, 1)]);
    const bad = { ...visit(2, 10, 5), start: 'soon' } as unknown as SessionRecord;
    const refused: unknown = await stores.sessions
      .writeSessions([visit(2, 10, 4), bad])
      .catch((error: unknown) => error);
    expect(isStoreRefusal(refused)).toBe(true);
    const kept = await stores.sessions.sessionsToRestore(2, 0, 0);
    expect(kept.map((record) => record.events)).toEqual([1]);
  });

  it('forgets, on rewind, exactly the events read from an offset of a partition', async () => {
    const read = (partition: number, from: number, count: number) => ({
      events: Array.from({ length: count }, (_, i) =>
        pageview({ site: 'rewind', ts: T0 + from + i, visitor: `p${partition}` }),
      ),
      origin: { partition, offsets: Array.from({ length: count }, (_, i) => from + i) },
    });
    for (const { events, origin } of [read(0, 100, 50), read(1, 100, 50)])
      await stores.events.append(events, origin);
    await stores.events.append([pageview({ site: 'rewind', ts: T0 + 500, visitor: 'loaded' })]);
    await stores.events.rewind(0, 130);
    const left = async (visitor: string) =>
      (
        await stores.events.search({
          site: 'rewind',
          range,
          limit: 0,
          filters: [{ field: 'visitor', op: 'eq', value: visitor }],
        })
      ).total;
    expect([await left('p0'), await left('p1'), await left('loaded')]).toEqual([30, 50, 1]);
    // The processor reads them again from its commit.
    const again = read(0, 130, 20);
    await stores.events.append(again.events, again.origin);
    expect(await left('p0')).toBe(50);
  });
});
