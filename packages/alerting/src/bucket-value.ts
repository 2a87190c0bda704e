import { matchesPath, type AlertRule, type WindowMetrics } from '@sightline/contract';

const sumValues = (record: Record<string, number>) =>
  Object.values(record).reduce((sum, value) => sum + value, 0);

/** Events of one type (or all) on the paths matching the rule's pattern. */
function onPaths(metrics: WindowMetrics, pattern: string, type: string | undefined): number {
  let count = 0;
  for (const [path, types] of Object.entries(metrics.pathTypes))
    if (matchesPath(pattern, path))
      count += type === undefined ? sumValues(types) : (types[type] ?? 0);
  return count;
}

/**
 * A rule's metric in one window of one partition of the events topic. Every metric adds up
 * across partitions (a visitor's events all go to one), so a 10-second bucket's value is the
 * sum over its partitions. Profile hits are not in windows: see `SiteSeries`.
 */
export function windowValue(rule: AlertRule, metrics: WindowMetrics): number {
  const { path, type, currency } = rule.filter;
  switch (rule.metric) {
    case 'pageviews':
      return path === undefined ? metrics.pageviews : onPaths(metrics, path, 'pageview');
    case 'events':
      if (path !== undefined) return onPaths(metrics, path, type);
      return type === undefined ? metrics.events : (metrics.types[type] ?? 0);
    case 'js_errors':
      return path === undefined
        ? (metrics.types.js_error ?? 0)
        : onPaths(metrics, path, 'js_error');
    case 'visitors':
      return metrics.visitors;
    case 'new_visitors':
      return metrics.newVisitors;
    case 'sessions':
      return metrics.sessionsStarted;
    case 'purchases':
      return metrics.purchases;
    case 'revenue':
      return currency === undefined ? sumValues(metrics.revenue) : (metrics.revenue[currency] ?? 0);
    case 'bounces':
      return metrics.bounces;
    case 'bots':
      return metrics.bots;
    case 'profile_hits':
      return 0;
  }
}
