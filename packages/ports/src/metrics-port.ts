import type { CollectedEvent, RetentionPlan, WindowAggregate } from '@sightline/contract';

/** The field names a series may ask for: plain identifiers, safe inside any query language. */
export const SERIES_FIELD = /^[A-Za-z0-9_]{1,64}$/;

export interface SeriesQuery {
  site: string;
  /** Half-open [from, to), epoch ms. */
  range: { from: number; to: number };
  /** Step of the series, a multiple of the 10-second window. */
  stepMs: number;
  /** Window fields to sum per step (see WINDOW_FIELDS; `revenue_EUR` and such too). */
  fields: string[];
}

export interface SeriesPoint {
  time: number;
  values: Record<string, number>;
}

/** The time series of window aggregates (and, optionally, raw event points). */
export interface MetricsStore {
  ensureSchema(): Promise<void>;
  /** Writes windows; a window written again (site, start, partition) replaces its values. */
  writeWindows(windows: WindowAggregate[]): Promise<void>;
  /** Writes each event as a raw point, idempotently (the same event lands on the same point). */
  writeEvents(events: CollectedEvent[]): Promise<void>;
  /** Sums of window fields per step, over every partition; steps without windows are left out. */
  series(query: SeriesQuery): Promise<SeriesPoint[]>;
  /**
   * Deletes what is past retention: windows by the plan's aggregates cutoffs, raw points by its
   * events cutoffs. Resolves with how many records went, where the store tells (InfluxDB: 0).
   */
  expire(plan: RetentionPlan): Promise<number>;
  check(): Promise<void>;
  close(): Promise<void>;
}
