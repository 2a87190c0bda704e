import {
  metricsIn,
  type Counter,
  type Gauge,
  type Histogram,
  type Registry,
} from '@sightline/observability';

export interface AlertMetrics {
  alerts: Counter<'state'>;
  evaluations: Histogram;
  evaluating: Gauge;
  deliveries: Counter<'channel' | 'outcome'>;
}

export function createAlertMetrics(registry: Registry): AlertMetrics {
  const m = metricsIn(registry);
  return {
    alerts: m.counter('sightline_alerts_total', 'Alerts fired and resolved by this copy', [
      'state',
    ]),
    evaluations: m.histogram(
      'sightline_alert_evaluation_seconds',
      'Time to evaluate every rule once',
      [0.001, 0.005, 0.02, 0.1, 0.5, 2],
    ),
    evaluating: m.gauge(
      'sightline_alert_evaluator_active',
      '1 when this copy evaluates the rules (one copy of the group does)',
    ),
    deliveries: m.counter(
      'sightline_alert_delivery_attempts_total',
      'Attempts to send alerts to channels, by channel type and outcome',
      ['channel', 'outcome'],
    ),
  };
}
