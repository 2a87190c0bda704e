import type { AlertCondition, AlertEvent } from '@sightline/contract';

/** What each metric is called in the admin app and in notifications. */
export const METRIC_NAMES: Record<AlertEvent['metric'], string> = {
  pageviews: 'page views',
  visitors: 'visitors per 10 s',
  new_visitors: 'new visitors',
  sessions: 'visits',
  events: 'events',
  js_errors: 'JavaScript errors',
  purchases: 'purchases',
  revenue: 'revenue',
  bounces: 'bounces',
  bots: 'bot events',
  profile_hits: 'profile hits',
};

/** A value as people read it: whole numbers as they are, others to two decimals. */
export const formatNumber = (value: number) =>
  Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/\.?0+$/, '');

/** A rule's condition in words: "above 5", "down 50% against last week", "no data". */
export function describeCondition(condition: AlertCondition): string {
  switch (condition.kind) {
    case 'above':
    case 'below':
      return `${condition.kind} ${formatNumber(condition.threshold)}`;
    case 'no_data':
      return 'no data';
    case 'change':
      return `${condition.direction === 'either' ? 'up or down' : condition.direction} ${formatNumber(condition.percent)}% against ${condition.against === 'last_week' ? 'the same time last week' : 'the previous window'}`;
  }
}
