import { describeCondition, formatNumber, METRIC_NAMES } from '@sightline/alerting';
import type { AlertEvent } from '@sightline/contract';

/** The state as a word for subjects and payloads: FIRING, RESOLVED or TEST. */
export const stateWord = (alert: AlertEvent) =>
  alert.test ? 'TEST' : alert.state === 'firing' ? 'FIRING' : 'RESOLVED';

/**
 * One line about an alert, e.g. `FIRING: Errors per minute on shop — JavaScript errors 12
 * over 1 min (above 5)`.
 */
export function alertSummary(alert: AlertEvent): string {
  const base = alert.base === undefined ? '' : `, was ${formatNumber(alert.base)}`;
  return (
    `${stateWord(alert)}: ${alert.ruleName} on ${alert.site} — ${METRIC_NAMES[alert.metric]} ` +
    `${formatNumber(alert.value)}${base} over ${alert.windowMinutes} min (${describeCondition(alert.condition)})`
  );
}
