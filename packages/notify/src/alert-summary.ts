import type { AlertCondition, AlertEvent } from '@sightline/contract';

const METRIC_NAMES: Record<AlertEvent['metric'], string> = {
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

const number = (value: number) =>
  Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/\.?0+$/, '');

/** A rule's condition in words: "above 5", "down 50% against last week", "no data". */
export function describeCondition(condition: AlertCondition): string {
  switch (condition.kind) {
    case 'above':
    case 'below':
      return `${condition.kind} ${number(condition.threshold)}`;
    case 'no_data':
      return 'no data';
    case 'change':
      return `${condition.direction === 'either' ? 'up or down' : condition.direction} ${number(condition.percent)}% against ${condition.against === 'last_week' ? 'the same time last week' : 'the previous window'}`;
  }
}

/** The state as a word for subjects and payloads: FIRING, RESOLVED or TEST. */
export const stateWord = (alert: AlertEvent) =>
  alert.test ? 'TEST' : alert.state === 'firing' ? 'FIRING' : 'RESOLVED';

/**
 * One line about an alert, e.g. `FIRING: Errors per minute on shop — JavaScript errors 12
 * over 1 min (above 5)`.
 */
export function alertSummary(alert: AlertEvent): string {
  const base = alert.base === undefined ? '' : `, was ${number(alert.base)}`;
  return (
    `${stateWord(alert)}: ${alert.ruleName} on ${alert.site} — ${METRIC_NAMES[alert.metric]} ` +
    `${number(alert.value)}${base} over ${alert.windowMinutes} min (${describeCondition(alert.condition)})`
  );
}
