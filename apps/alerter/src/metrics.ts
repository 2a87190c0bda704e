import { Counter, Gauge, Histogram, type Registry } from '@sightline/observability';

export interface AlertMetrics {
  alerts: Counter<'state'>;
  evaluations: Histogram;
  evaluating: Gauge;
  deliveries: Counter<'channel' | 'outcome'>;
}

export function createAlertMetrics(registry: Registry): AlertMetrics {
  const registers = [registry];
  return {
    alerts: new Counter({
      name: 'sightline_alerts_total',
      help: 'Alerts fired and resolved by this copy',
      labelNames: ['state'],
      registers,
    }),
    evaluations: new Histogram({
      name: 'sightline_alert_evaluation_seconds',
      help: 'Time to evaluate every rule once',
      buckets: [0.001, 0.005, 0.02, 0.1, 0.5, 2],
      registers,
    }),
    evaluating: new Gauge({
      name: 'sightline_alert_evaluator_active',
      help: '1 when this copy evaluates the rules (one copy of the group does)',
      registers,
    }),
    deliveries: new Counter({
      name: 'sightline_alert_delivery_attempts_total',
      help: 'Attempts to send alerts to channels, by channel type and outcome',
      labelNames: ['channel', 'outcome'],
      registers,
    }),
  };
}
