import type { Precision } from './line-protocol.js';

/** One series of an InfluxQL answer. */
export interface InfluxSeries {
  name: string;
  tags?: Record<string, string>;
  columns: string[];
  values: unknown[][];
}

/** Writes lines and runs InfluxQL, whichever API generation the server speaks. */
export interface InfluxTransport {
  /** Creates the database if the API allows it (v1); a no-op where buckets are made by admins. */
  ensureDatabase(): Promise<void>;
  /** Lines whose timestamps are in `precision` (milliseconds unless said). */
  write(lines: string[], precision?: Precision): Promise<void>;
  query(influxql: string): Promise<InfluxSeries[]>;
  /** Deletes the points of one site in one measurement older than `before` (epoch ms). */
  deleteBefore(measurement: string, site: string, before: number): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Statuses that mean the points themselves were refused (unparsable, out of range, too big). */
const REFUSED_STATUSES = new Set([400, 413, 422]);

/** A write or query the server refused; `retryable` is false for bad input (type conflicts…). */
export class InfluxError extends Error {
  override readonly name = 'InfluxError';
  constructor(
    message: string,
    readonly retryable: boolean,
    /** The HTTP status, when the server answered. */
    readonly status?: number,
  ) {
    super(message);
  }

  /**
   * Whether the data was refused (see isStoreRefusal): not an outage, nor a configuration
   * fault such as a wrong token or a missing bucket, which must be retried and never set aside.
   */
  get refused(): boolean {
    return this.status !== undefined && REFUSED_STATUSES.has(this.status);
  }
}
