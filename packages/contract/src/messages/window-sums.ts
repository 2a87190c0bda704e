import { EVENT_TYPES } from '../event.js';
import { emptyWindowMetrics, type WindowMetrics } from './window-aggregate.js';

/** A window's counters: each adds up across windows and partitions as it is. */
export const WINDOW_COUNTERS = [
  'events',
  'bots',
  'pageviews',
  'visitors',
  'newVisitors',
  'sessionsStarted',
  'sessionsEnded',
  'bounces',
  'sessionMsSum',
  'scrolledPageviews',
  'scrollDepthSum',
  'activeMs',
  'visibleMs',
  'purchases',
] as const satisfies readonly (keyof WindowMetrics)[];

/** The scroll depths (%) a window counts the page views reaching. */
export const SCROLL_QUARTERS = [25, 50, 75, 100] as const;

/** A window's counts by key (event type, currency, channel…): each adds up per key. */
export const WINDOW_COUNT_MAPS = [
  'types',
  'revenue',
  'channels',
  'devices',
  'browsers',
  'countries',
  'os',
  'utmSources',
  'utmCampaigns',
] as const satisfies readonly (keyof WindowMetrics)[];

/**
 * Adds `from` into `into`: counters, scroll quarters and counts by key. Ranked lists (top paths
 * and referrers, types per path) are cut to their top entries per window, so their sum is the
 * caller's choice.
 */
export function addWindowMetrics(into: WindowMetrics, from: WindowMetrics): void {
  for (const field of WINDOW_COUNTERS) into[field] += from[field];
  for (const q of SCROLL_QUARTERS) into.scrollReached[q] += from.scrollReached[q];
  for (const map of WINDOW_COUNT_MAPS) {
    const sums = into[map];
    for (const [key, count] of Object.entries(from[map])) sums[key] = (sums[key] ?? 0) + count;
  }
}

/**
 * A window's metrics as the numeric fields of one time-series point. Every event type is
 * written, zero or not: a rewrite of a point merges its fields, so a field once written must be
 * written again (a count can only grow within a window, so the last write is complete).
 */
export function windowFields(metrics: WindowMetrics): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const field of WINDOW_COUNTERS) fields[field] = metrics[field];
  for (const q of SCROLL_QUARTERS) fields[`scrollReached${q}`] = metrics.scrollReached[q];
  for (const type of EVENT_TYPES) fields[`type_${type}`] = metrics.types[type] ?? 0;
  for (const [currency, amount] of Object.entries(metrics.revenue))
    fields[`revenue_${currency}`] = amount;
  return fields;
}

/** Names of the fields every window point has (revenue fields come per currency on top). */
export const WINDOW_FIELDS = Object.keys(windowFields(emptyWindowMetrics()));
