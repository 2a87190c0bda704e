import { metricsIn, type Counter, type Gauge, type Registry } from '@sightline/observability';

export interface RetentionMetrics {
  deleted: Counter<'store'>;
  failures: Counter<'store'>;
  lastSweep: Gauge;
}

export function createRetentionMetrics(registry: Registry): RetentionMetrics {
  const m = metricsIn(registry);
  return {
    deleted: m.counter(
      'sightline_retention_deleted_total',
      'Records deleted for being past their site’s retention, by store',
      ['store'],
    ),
    failures: m.counter(
      'sightline_retention_failures_total',
      'Retention sweeps of a store that failed (tried again at the next sweep)',
      ['store'],
    ),
    lastSweep: m.gauge(
      'sightline_retention_last_sweep_timestamp_seconds',
      'When this copy last finished a retention sweep (0: never)',
    ),
  };
}
