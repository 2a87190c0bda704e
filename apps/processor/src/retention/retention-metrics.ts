import { Counter, Gauge, type Registry } from '@sightline/observability';

export interface RetentionMetrics {
  deleted: Counter<'store'>;
  failures: Counter<'store'>;
  lastSweep: Gauge;
}

export function createRetentionMetrics(registry: Registry): RetentionMetrics {
  const registers = [registry];
  return {
    deleted: new Counter({
      name: 'sightline_retention_deleted_total',
      help: 'Records deleted for being past their site’s retention, by store',
      labelNames: ['store'],
      registers,
    }),
    failures: new Counter({
      name: 'sightline_retention_failures_total',
      help: 'Retention sweeps of a store that failed (tried again at the next sweep)',
      labelNames: ['store'],
      registers,
    }),
    lastSweep: new Gauge({
      name: 'sightline_retention_last_sweep_timestamp_seconds',
      help: 'When this copy last finished a retention sweep (0: never)',
      registers,
    }),
  };
}
