import type { CollectedEvent } from '@sightline/contract';
import type { EventStore, FunnelQuery, FunnelStep, TimeRange } from '@sightline/ports';
import { beforeAll, expect, it } from 'vitest';
import { pageview } from './event-store-contract.js';

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

/**
 * Funnels over random visits (some with pauses of hours, as a cookieless visit has) and random
 * ranges, compared with a plain tally of the events; then again once late deliveries join
 * visits. `settle` waits for what a store prepares in the background (Elasticsearch's funnel
 * blocks), and `stored` tells the store that what was appended is now stored a while ago.
 */
export function funnelContract(
  setup: () => {
    store: EventStore;
    refresh: () => Promise<void>;
    settle?: () => Promise<void>;
    stored?: () => void;
  },
) {
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const event = (session: string, ts: number) =>
    pageview({ site: 'random', session, visitor: session, ts, receivedAt: ts, path: pick(PATHS) });
  // Only visits over: events of the last 40 minutes would keep their hours from being built.
  const over = (e: CollectedEvent) => e.ts < Date.now() - 40 * MIN;
  const events: CollectedEvent[] = [];
  for (let v = 0; v < 150; v++) {
    let ts = H - HOUR + Math.floor(next() * 7 * HOUR);
    for (let n = 1 + Math.floor(next() * 8); n > 0; n--) {
      events.push(event(`v${v}`, ts));
      ts += next() < 0.15 ? Math.floor(next() * 3 * HOUR) : Math.floor(next() * 20 * MIN);
    }
  }
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
      expect(await setup().store.funnel(query(range))).toEqual(tally(events, range));
  };
  const settle = async () => {
    const { settle, refresh } = setup();
    await settle?.();
    await refresh();
  };

  beforeAll(async () => {
    const { store, refresh, stored } = setup();
    events.splice(0, events.length, ...events.filter(over));
    await store.append(events);
    await refresh();
    stored?.();
  });

  it('follows random visits through a funnel over any range, as a plain tally does', async () => {
    await everyRange();
    await settle();
    await everyRange();
  });

  it('counts late deliveries that join visits already counted', async () => {
    const late = Array.from({ length: 40 }, () => {
      const visit = pick(events);
      return event(visit.session, visit.ts + Math.floor((next() - 0.3) * 2 * HOUR));
    }).filter(over);
    events.push(...late);
    await setup().store.append(late);
    await setup().refresh();
    await everyRange();
    await settle();
    await everyRange();
  });
}
