import { HttpError, InfluxDB } from '@influxdata/influxdb-client';
import { InfluxError, type InfluxSeries, type InfluxTransport } from './transport.js';
import type { Precision } from './line-protocol.js';
import { V1Transport } from './v1-transport.js';

export interface V2Options {
  url: string;
  org: string;
  bucket: string;
  token: string;
  timeoutMs?: number;
}

/**
 * InfluxDB 2.x/3.x (and 1.8+): writes through the official client with org, bucket and token;
 * reads with InfluxQL on `/query`, which reaches the bucket through its DBRP mapping (created
 * automatically for every bucket since 2.4).
 */
export class V2Transport implements InfluxTransport {
  private readonly client: InfluxDB;
  private readonly reader: V1Transport;

  constructor(private readonly options: V2Options) {
    this.client = new InfluxDB({
      url: options.url,
      token: options.token,
      timeout: options.timeoutMs ?? 10_000,
    });
    this.reader = new V1Transport({
      url: options.url,
      database: options.bucket,
      token: options.token,
    });
  }

  /** Buckets are created by the server's administrators (or its setup), not by Sightline. */
  ensureDatabase(): Promise<void> {
    return Promise.resolve();
  }

  async write(lines: string[], precision: Precision = 'ms'): Promise<void> {
    if (lines.length === 0) return;
    const api = this.client.getWriteApi(this.options.org, this.options.bucket, precision, {
      batchSize: lines.length + 1,
      flushInterval: 0,
      maxRetries: 0,
      // The caller owns retries (with backoff and consumer pause): fail the flush at once.
      writeFailed: (error) => Promise.reject(error),
    });
    api.writeRecords(lines);
    try {
      await api.close();
    } catch (error) {
      const status = error instanceof HttpError ? error.statusCode : undefined;
      const retryable = status === undefined || status >= 500 || status === 429;
      throw new InfluxError(
        `write failed: ${error instanceof Error ? error.message : String(error)}`,
        retryable,
        status,
      );
    }
  }

  query(influxql: string): Promise<InfluxSeries[]> {
    return this.reader.query(influxql);
  }

  /** The v2 delete API (InfluxQL's DELETE is not served on 2.x's `/query`). */
  async deleteBefore(measurement: string, site: string, before: number): Promise<void> {
    const params = new URLSearchParams({ org: this.options.org, bucket: this.options.bucket });
    const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    const response = await fetch(
      `${this.options.url.replace(/\/$/, '')}/api/v2/delete?${params.toString()}`,
      {
        method: 'POST',
        headers: {
          authorization: `Token ${this.options.token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          start: new Date(0).toISOString(),
          stop: new Date(before).toISOString(),
          predicate: `_measurement=${quote(measurement)} AND site=${quote(site)}`,
        }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      },
    );
    if (response.status !== 204)
      throw new InfluxError(
        `delete failed: ${response.status} ${(await response.text()).slice(0, 200)}`,
        response.status >= 500 || response.status === 429,
        response.status,
      );
  }

  ping(): Promise<void> {
    return this.reader.ping();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
