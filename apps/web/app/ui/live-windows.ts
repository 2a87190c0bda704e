import {
  addWindowMetrics,
  emptyWindowMetrics,
  WINDOW_MS,
  type WindowAggregate,
  type WindowMetrics,
} from '@sightline/contract';
import { rankedRows } from './ranked-list';

/** The latest state of each (window, partition) seen on the live stream. */
export type LiveWindows = Map<string, WindowAggregate>;

const KEEP_MS = 5 * 60_000;

/** Adds an update of the stream; windows older than five minutes fall off. */
export function foldWindow(state: LiveWindows, window: WindowAggregate): LiveWindows {
  const next = new Map(state);
  next.set(`${window.start}:${window.partition}`, window);
  const oldest = Math.max(...[...next.values()].map((w) => w.start)) - KEEP_MS;
  for (const [key, w] of next) if (w.start < oldest) next.delete(key);
  return next;
}

export interface WindowPoint {
  start: number;
  pageviews: number;
  events: number;
  visitors: number;
}

/** Page views, events and visitors per 10-second window (partitions summed: exact), oldest first. */
export function perWindow(state: LiveWindows): WindowPoint[] {
  const byStart = new Map<number, WindowPoint>();
  for (const w of state.values()) {
    const point = byStart.get(w.start) ?? { start: w.start, pageviews: 0, events: 0, visitors: 0 };
    point.pageviews += w.metrics.pageviews;
    point.events += w.metrics.events;
    point.visitors += w.metrics.visitors;
    byStart.set(w.start, point);
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

/**
 * The windows of the last five minutes as of `now`: when traffic stops no update arrives, so the
 * clock, not the last update, decides what is still live.
 */
export function liveAt(state: LiveWindows, now: number): LiveWindows {
  const oldest = now - KEEP_MS;
  return new Map([...state].filter(([, w]) => w.start >= oldest));
}

/** Events per second of the last complete 10-second window by the clock (0 when it had none). */
export function eventsPerSecond(state: LiveWindows, now: number): number {
  const last = Math.floor(now / WINDOW_MS) * WINDOW_MS - WINDOW_MS;
  let events = 0;
  for (const w of state.values()) if (w.start === last) events += w.metrics.events;
  return events / (WINDOW_MS / 1_000);
}

/**
 * Visitors active in the last five minutes: each partition's latest count, summed. A partition
 * whose last update is older than five minutes has none left.
 */
export function visitorsNow(state: LiveWindows, now: number): number {
  const latest = new Map<number, WindowAggregate>();
  for (const w of state.values()) {
    const seen = latest.get(w.partition);
    if (!seen || w.watermark >= seen.watermark) latest.set(w.partition, w);
  }
  return [...latest.values()]
    .filter((w) => w.watermark >= now - KEEP_MS)
    .reduce((sum, w) => sum + w.activeVisitors, 0);
}

/** Every window of the stream summed into one set of metrics (the last five minutes). */
export function totals(state: LiveWindows): WindowMetrics {
  const sum = emptyWindowMetrics();
  const paths: Record<string, number> = {};
  const referrers: Record<string, number> = {};
  for (const { metrics: m } of state.values()) {
    addWindowMetrics(sum, m);
    for (const { key, count } of m.topPaths) paths[key] = (paths[key] ?? 0) + count;
    for (const { key, count } of m.topReferrers) referrers[key] = (referrers[key] ?? 0) + count;
  }
  sum.topPaths = rankedRows(paths);
  sum.topReferrers = rankedRows(referrers);
  return sum;
}
