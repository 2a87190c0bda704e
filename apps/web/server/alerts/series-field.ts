import type { AlertRule } from '@sightline/contract';

/**
 * The metrics store's field holding a rule's metric, when one does: the preview then reads a
 * 10-second series summed by the store. Rules filtered by path, revenue in every currency and
 * profile hits have none and are read from the window documents and hits instead.
 */
export function seriesField(rule: AlertRule): string | undefined {
  const { path, type, currency } = rule.filter;
  if (path !== undefined) return undefined;
  switch (rule.metric) {
    case 'pageviews':
      return 'pageviews';
    case 'visitors':
      return 'visitors';
    case 'new_visitors':
      return 'newVisitors';
    case 'sessions':
      return 'sessionsStarted';
    case 'events':
      return type === undefined ? 'events' : `type_${type}`;
    case 'js_errors':
      return 'type_js_error';
    case 'purchases':
      return 'purchases';
    case 'revenue':
      return currency === undefined ? undefined : `revenue_${currency}`;
    case 'bounces':
      return 'bounces';
    case 'bots':
      return 'bots';
    case 'profile_hits':
      return undefined;
  }
}
