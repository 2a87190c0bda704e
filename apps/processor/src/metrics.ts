import {
  Gauge,
  metricsIn,
  type Counter,
  type Histogram,
  type Registry,
} from '@sightline/observability';

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
  const m = metricsIn(registry);
  return {
    events: m.counter('sightline_processor_events_total', 'Events read from the events topic'),
    stored: m.counter(
      'sightline_processor_events_stored_total',
      'Events written to every store and committed past',
    ),
    late: m.counter(
      'sightline_processor_late_events_total',
      'Events for windows already final: stored raw, left out of the aggregates',
    ),
    duplicates: m.counter(
      'sightline_processor_duplicate_events_total',
      'Repeated event ids, counted once',
    ),
    malformed: m.counter(
      'sightline_processor_malformed_messages_total',
      'Messages of the events topic that are not events or clock messages (skipped)',
    ),
    rejected: m.counter(
      'sightline_processor_rejected_events_total',
      'Events the raw store refused for good',
    ),
    deadLetters: m.counter(
      'sightline_processor_dead_letters_total',
      'Records set aside as dead letters (unreadable, or refused by a store as invalid), by stage',
      ['stage'],
    ),
    flushes: m.counter(
      'sightline_processor_flushes_total',
      'Results written to every store and committed',
    ),
    flushSeconds: m.histogram(
      'sightline_processor_flush_seconds',
      'Time to write a flush to every store and commit it, retries included',
      [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    ),
    writeSeconds: m.histogram(
      'sightline_processor_write_seconds',
      'Time of one write of a flush (its last, successful attempt), by store',
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      ['store'],
    ),
    storeErrors: m.counter(
      'sightline_processor_store_errors_total',
      'Failed writes (retried), by store',
      ['store'],
    ),
    lag: m.gauge(
      'sightline_processor_consumer_lag',
      'Messages of the events topic not yet committed by the group, by partition',
      ['partition'],
    ),
    watermarkAge: new Gauge({
      name: 'sightline_processor_watermark_age_seconds',
      help: 'Age of the newest ingest time whose results are in every store, by partition',
      labelNames: ['partition'],
      registers: [registry],
      collect() {
        this.reset();
        const now = Date.now();
        for (const [partition, at] of storedUpTo())
          if (at > 0) this.set({ partition: String(partition) }, Math.max(0, (now - at) / 1_000));
      },
    }),
    openWindows: m.gauge(
      'sightline_processor_open_windows',
      'Windows still taking events, by partition',
      ['partition'],
    ),
    openSessions: m.gauge(
      'sightline_processor_open_sessions',
      'Visits not yet ended, by partition',
      ['partition'],
    ),
  };
}
