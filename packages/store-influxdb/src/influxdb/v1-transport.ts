import { InfluxError, type InfluxSeries, type InfluxTransport } from './transport.js';
import { quoteIdentifier, quoteString, timeLiteral } from './influxql.js';
import type { Precision } from './line-protocol.js';

export interface V1Options {
  url: string;
  database: string;
  retentionPolicy?: string;
  username?: string;
  password?: string;
  /** 2.x/3.x accept a token on their v1 compatibility API. */
  token?: string;
  timeoutMs?: number;
}

interface QueryResponse {
  results?: { statement_id: number; series?: InfluxSeries[]; error?: string }[];
  error?: string;
}

/** The v1 HTTP API: `/write` (line protocol) and `/query` (InfluxQL), common to 1.x, 2.x, 3.x. */
export class V1Transport implements InfluxTransport {
  constructor(private readonly options: V1Options) {}

  async ensureDatabase(): Promise<void> {
    await this.post(
      '/query',
      new URLSearchParams({ q: `CREATE DATABASE ${quoteIdentifier(this.options.database)}` }),
    );
  }

  async write(lines: string[], precision: Precision = 'ms'): Promise<void> {
    if (lines.length === 0) return;
    const params = new URLSearchParams({ db: this.options.database, precision });
    if (this.options.retentionPolicy) params.set('rp', this.options.retentionPolicy);
    const response = await this.fetch(`/write?${params.toString()}`, {
      method: 'POST',
      body: lines.join('\n'),
    });
    if (response.status !== 204) throw await this.error(response, 'write');
  }

  async query(influxql: string): Promise<InfluxSeries[]> {
    const params = new URLSearchParams({ db: this.options.database, epoch: 'ms', q: influxql });
    if (this.options.retentionPolicy) params.set('rp', this.options.retentionPolicy);
    const body = await this.post('/query', params);
    const result = body.results?.[0];
    if (result?.error) throw new InfluxError(`query failed: ${result.error}`, false);
    return result?.series ?? [];
  }

  async deleteBefore(measurement: string, site: string, before: number): Promise<void> {
    await this.query(
      `DELETE FROM ${quoteIdentifier(measurement)} WHERE "site" = ${quoteString(site)}` +
        ` AND time < ${timeLiteral(before)}`,
    );
  }

  async ping(): Promise<void> {
    const response = await this.fetch('/ping', { method: 'GET' });
    if (response.status !== 204) throw new InfluxError(`ping answered ${response.status}`, true);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private async post(path: string, params: URLSearchParams): Promise<QueryResponse> {
    const response = await this.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: params.toString(),
    });
    if (!response.ok) throw await this.error(response, 'query');
    const body = (await response.json()) as QueryResponse;
    if (body.error) throw new InfluxError(`query failed: ${body.error}`, false);
    return body;
  }

  private async fetch(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.options.token) headers.set('authorization', `Token ${this.options.token}`);
    else if (this.options.username) {
      const basic = Buffer.from(`${this.options.username}:${this.options.password ?? ''}`).toString(
        'base64',
      );
      headers.set('authorization', `Basic ${basic}`);
    }
    try {
      return await fetch(`${this.options.url}${path}`, {
        ...init,
        headers,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new InfluxError(
        `InfluxDB unreachable: ${error instanceof Error ? error.message : String(error)}`,
        true,
      );
    }
  }

  private async error(response: Response, what: string): Promise<InfluxError> {
    const text = await response.text().catch(() => '');
    let reason = text;
    try {
      reason = (JSON.parse(text) as { error?: string }).error ?? text;
    } catch {
      // not JSON: keep the text
    }
    // 4xx is bad input (e.g. a field type conflict) and will fail again; 5xx and 429 may pass later.
    const retryable = response.status >= 500 || response.status === 429;
    return new InfluxError(
      `${what} answered ${response.status}: ${reason}`,
      retryable,
      response.status,
    );
  }
}
