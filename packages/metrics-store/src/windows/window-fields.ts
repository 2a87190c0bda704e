import { EVENT_TYPES, emptyWindowMetrics, type WindowMetrics } from '@sightline/contract';

/**
 * A window's metrics as the numeric fields of one time-series point. Every event type is
 * written, zero or not: a rewrite of a point merges its fields, so a field once written must be
 * written again (a count can only grow within a window, so the last write is complete).
 */
export function windowFields(metrics: WindowMetrics): Record<string, number> {
  const fields: Record<string, number> = {
    events: metrics.events,
    bots: metrics.bots,
    pageviews: metrics.pageviews,
    visitors: metrics.visitors,
    newVisitors: metrics.newVisitors,
    sessionsStarted: metrics.sessionsStarted,
    sessionsEnded: metrics.sessionsEnded,
    bounces: metrics.bounces,
    sessionMsSum: metrics.sessionMsSum,
    scrolledPageviews: metrics.scrolledPageviews,
    scrollDepthSum: metrics.scrollDepthSum,
    scrollReached25: metrics.scrollReached[25],
    scrollReached50: metrics.scrollReached[50],
    scrollReached75: metrics.scrollReached[75],
    scrollReached100: metrics.scrollReached[100],
    activeMs: metrics.activeMs,
    visibleMs: metrics.visibleMs,
    purchases: metrics.purchases,
  };
  for (const type of EVENT_TYPES) fields[`type_${type}`] = metrics.types[type] ?? 0;
  for (const [currency, amount] of Object.entries(metrics.revenue))
    fields[`revenue_${currency}`] = amount;
  return fields;
}

/** Names of the fields every window point has (revenue fields come per currency on top). */
export const WINDOW_FIELDS = Object.keys(windowFields(emptyWindowMetrics()));
