import { loadConfig } from '@sightline/config';
import type { CollectedEvent } from '@sightline/contract';
import type { FunnelQuery, FunnelStep, TimeRange } from '@sightline/ports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services, uniqueName } from '../../../test/integration/services.js';
import { pageview } from '../../../test/stores/event-store-contract.js';
import { createElasticsearchClient, ElasticsearchEventStore } from '../src/index.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const H = Math.floor(Date.now() / HOUR) * HOUR - 8 * HOUR;
const PATHS = ['/product/1', '/product/2', '/cart', '/checkout', '/about'];
const STEPS = [/^\/product\/[^/]*$/, /^\/cart$/, /^\/checkout$/];

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The funnel worked out plainly from the events, apart from the product's code. */
function tally(events: CollectedEvent[], range: TimeRange): FunnelStep[] {
  const sessions = new Map<string, CollectedEvent[]>();
  for (const e of events)
    if (e.ts >= range.from && e.ts < range.to)
      sessions.set(e.session, [...(sessions.get(e.session) ?? []), e]);
  const visits = STEPS.map(() => 0);
  const took: number[][] = STEPS.map(() => []);
  for (const list of sessions.values()) {
    let at = -Infinity;
    for (let k = 0; k < STEPS.length; k++) {
      const times = list
        .filter((e) => STEPS[k]!.test(e.path) && e.ts >= at)
        .map((e) => e.ts)
        .sort((a, b) => a - b);
      if (times.length === 0) break;
      visits[k]!++;
      if (k > 0) took[k]!.push(times[0]! - at);
      at = times[0]!;
    }
  }
  return visits.map((count, k) => {
    const sorted = took[k]!.sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    if (sorted.length === 0) return { visits: count };
    const medianMs = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    return { visits: count, medianMs };
  });
}

describe('funnels from hourly blocks equal the events, whatever the visits do', () => {
  const prefix = uniqueName('es-blocks-random');
  const config = loadConfig({
    ELASTICSEARCH_URL: services.elasticsearchUrl,
    ELASTICSEARCH_INDEX_PREFIX: prefix,
  }).elasticsearch;
  let ahead = 0;
  const store = new ElasticsearchEventStore(createElasticsearchClient(config), config, {
    now: () => Date.now() + ahead,
  });
  const refresh = () =>
    store.client.indices.refresh({ index: `${prefix}-*`, allow_no_indices: true });
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const event = (session: string, ts: number) =>
    pageview({ site: 'random', session, visitor: session, ts, receivedAt: ts, path: pick(PATHS) });
  const events: CollectedEvent[] = [];
  // Visits of 1 to 8 events, some with pauses of hours (as a cookieless visit has), over 7 hours.
  for (let v = 0; v < 150; v++) {
    let ts = H - HOUR + Math.floor(next() * 7 * HOUR);
    for (let n = 1 + Math.floor(next() * 8); n > 0; n--) {
      events.push(event(`v${v}`, ts));
      ts += next() < 0.15 ? Math.floor(next() * 3 * HOUR) : Math.floor(next() * 20 * MIN);
    }
  }
  const settledEvents = () => events.filter((e) => e.ts < Date.now() - 40 * MIN);
  const ranges: TimeRange[] = Array.from({ length: 6 }, () => {
    const from = H - HOUR + Math.floor(next() * 3 * HOUR);
    return { from, to: from + HOUR + Math.floor(next() * 5 * HOUR) };
  });
  const query = (range: TimeRange): FunnelQuery => ({
    site: 'random',
    range,
    steps: [
      [{ field: 'path', op: 'match', value: '/product/*' }],
      [{ field: 'path', op: 'match', value: '/cart' }],
      [{ field: 'path', op: 'match', value: '/checkout' }],
    ],
  });
  const everyRange = async () => {
    for (const range of ranges)
      expect(await store.funnel(query(range))).toEqual(tally(events, range));
  };

  beforeAll(async () => {
    await store.ensureSchema();
    // Only visits over: events of the last minutes would keep their hours from being built.
    events.splice(0, events.length, ...settledEvents());
    await store.append(events);
    await refresh();
    ahead = 2 * MIN;
  });
  afterAll(async () => {
    await store.funnelBlocksBuilt();
    await store.client.indices.delete({ index: `${prefix}-*`, allow_no_indices: true });
    await store.close();
  });

  it('gives the same figures from the events and from the blocks, for any range', async () => {
    await everyRange();
    await store.funnelBlocksBuilt();
    await refresh();
    const built = await store.client.count({ index: `${prefix}-funnel-blocks` });
    expect(built.count).toBeGreaterThan(0);
    await everyRange();
  });

  it('stays equal to the events when late deliveries join visits of built hours', async () => {
    const late = Array.from({ length: 40 }, () => {
      const visit = pick(events);
      return event(visit.session, visit.ts + Math.floor((next() - 0.3) * 2 * HOUR));
    }).filter((e) => e.ts < Date.now() - 40 * MIN);
    events.push(...late);
    await store.append(late);
    await refresh();
    await everyRange();
    await store.funnelBlocksBuilt();
    await refresh();
    await everyRange();
  });
});
