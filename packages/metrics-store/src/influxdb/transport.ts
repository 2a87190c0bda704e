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
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A write or query the server refused; `retryable` is false for bad input (type conflicts…). */
export class InfluxError extends Error {
  override readonly name = 'InfluxError';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
