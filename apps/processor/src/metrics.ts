import { Counter, Gauge, Histogram, type Registry } from '@sightline/observability';

export interface ProcessorMetrics {
  events: Counter;
  stored: Counter;
  late: Counter;
  duplicates: Counter;
  malformed: Counter;
  rejected: Counter;
  deadLetters: Counter<'stage'>;
  flushes: Counter;
  flushSeconds: Histogram;
  writeSeconds: Histogram<'store'>;
  storeErrors: Counter<'store'>;
  lag: Gauge<'partition'>;
  watermarkAge: Gauge<'partition'>;
  openWindows: Gauge<'partition'>;
  openSessions: Gauge<'partition'>;
}

/**
 * The processor's metrics. `storedUpTo` gives, per partition held, the ingest time up to which
 * results are in every store: the watermark age is read from it when scraped, so a flush that
 * hangs shows as a growing age rather than a stale one.
 */
export function createProcessorMetrics(
  registry: Registry,
  storedUpTo: () => Iterable<[partition: number, at: number]> = () => [],
): ProcessorMetrics {
  const registers = [registry];
  return {
    events: new Counter({
      name: 'sightline_processor_events_total',
      help: 'Events read from the events topic',
      registers,
    }),
    stored: new Counter({
      name: 'sightline_processor_events_stored_total',
      help: 'Events written to every store and committed past',
      registers,
    }),
    late: new Counter({
      name: 'sightline_processor_late_events_total',
      help: 'Events for windows already final: stored raw, left out of the aggregates',
      registers,
    }),
    duplicates: new Counter({
      name: 'sightline_processor_duplicate_events_total',
      help: 'Repeated event ids, counted once',
      registers,
    }),
    malformed: new Counter({
      name: 'sightline_processor_malformed_messages_total',
      help: 'Messages of the events topic that are not events or clock messages (skipped)',
      registers,
    }),
    rejected: new Counter({
      name: 'sightline_processor_rejected_events_total',
      help: 'Events the raw store refused for good',
      registers,
    }),
    deadLetters: new Counter({
      name: 'sightline_processor_dead_letters_total',
      help: 'Records set aside as dead letters (unreadable, or refused by a store as invalid), by stage',
      labelNames: ['stage'],
      registers,
    }),
    flushes: new Counter({
      name: 'sightline_processor_flushes_total',
      help: 'Results written to every store and committed',
      registers,
    }),
    flushSeconds: new Histogram({
      name: 'sightline_processor_flush_seconds',
      help: 'Time to write a flush to every store and commit it, retries included',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers,
    }),
    writeSeconds: new Histogram({
      name: 'sightline_processor_write_seconds',
      help: 'Time of one write of a flush (its last, successful attempt), by store',
      labelNames: ['store'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    storeErrors: new Counter({
      name: 'sightline_processor_store_errors_total',
      help: 'Failed writes (retried), by store',
      labelNames: ['store'],
      registers,
    }),
    lag: new Gauge({
      name: 'sightline_processor_consumer_lag',
      help: 'Messages of the events topic not yet committed by the group, by partition',
      labelNames: ['partition'],
      registers,
    }),
    watermarkAge: new Gauge({
      name: 'sightline_processor_watermark_age_seconds',
      help: 'Age of the newest ingest time whose results are in every store, by partition',
      labelNames: ['partition'],
      registers,
      collect() {
        this.reset();
        const now = Date.now();
        for (const [partition, at] of storedUpTo())
          if (at > 0) this.set({ partition: String(partition) }, Math.max(0, (now - at) / 1_000));
      },
    }),
    openWindows: new Gauge({
      name: 'sightline_processor_open_windows',
      help: 'Windows still taking events, by partition',
      labelNames: ['partition'],
      registers,
    }),
    openSessions: new Gauge({
      name: 'sightline_processor_open_sessions',
      help: 'Visits not yet ended, by partition',
      labelNames: ['partition'],
      registers,
    }),
  };
}
