import {
  cutoffOf,
  type CollectedEvent,
  type RetentionPlan,
  type WindowAggregate,
  windowFields,
} from '@sightline/contract';
import {
  SERIES_FIELD,
  type MetricsStore,
  type SeriesPoint,
  type SeriesQuery,
} from '@sightline/ports';
import { withDistinctNanos } from './distinct-nanos.js';
import { quoteIdentifier, quoteString, timeLiteral } from './influxql.js';
import { toLines, type Point } from './line-protocol.js';
import type { InfluxTransport } from './transport.js';

export const WINDOWS_MEASUREMENT = 'windows';
export const EVENTS_MEASUREMENT = 'events';
const LINES_PER_WRITE = 5_000;

/** The raw point of an event: bounded tags only (no visitor ids), the rest as fields. */
function eventPoint(event: CollectedEvent): Point {
  return {
    measurement: EVENTS_MEASUREMENT,
    tags: {
      site: event.site,
      type: event.type,
      data_type: 'raw',
      device: event.device,
      channel: event.channel,
      bot: event.bot ? 'true' : 'false',
    },
    fields: {
      count: 1,
      path: event.path,
      ...('value' in event && typeof event.value === 'number' ? { value: event.value } : {}),
      ...(event.type === 'scroll' ? { depth: event.depth } : {}),
    },
    // Nanoseconds within the millisecond: see withDistinctNanos.
    time: event.ts,
  };
}

/**
 * The MetricsStore on InfluxDB. Windows are points of `windows` tagged by site, partition and
 * data_type=aggregated at the window start, so a rewrite overwrites and a sum over partitions is
 * the site's total; raw events are points of `events` (data_type=raw) at nanosecond precision.
 */
export class InfluxMetricsStore implements MetricsStore {
  constructor(private readonly transport: InfluxTransport) {}

  ensureSchema(): Promise<void> {
    return this.transport.ensureDatabase();
  }

  async writeWindows(windows: WindowAggregate[]): Promise<void> {
    const points: Point[] = windows.map((window) => ({
      measurement: WINDOWS_MEASUREMENT,
      tags: { site: window.site, partition: String(window.partition), data_type: 'aggregated' },
      fields: { ...windowFields(window.metrics), final: window.final },
      time: window.start,
    }));
    await this.writeChunked(toLines(points), 'ms');
  }

  async writeEvents(events: CollectedEvent[]): Promise<void> {
    const points = withDistinctNanos(
      events.map((event) => ({ id: event.id, point: eventPoint(event) })),
    );
    await this.writeChunked(toLines(points, 'ns'), 'ns');
  }

  async series(query: SeriesQuery): Promise<SeriesPoint[]> {
    const bad = query.fields.find((field) => !SERIES_FIELD.test(field));
    if (bad !== undefined) throw new Error(`unknown field "${bad}"`);
    if (query.fields.length === 0) return [];
    const select = query.fields
      .map((f) => `sum(${quoteIdentifier(f)}) AS ${quoteIdentifier(f)}`)
      .join(', ');
    const series = await this.transport.query(
      `SELECT ${select} FROM ${quoteIdentifier(WINDOWS_MEASUREMENT)}` +
        ` WHERE "data_type" = 'aggregated' AND "site" = ${quoteString(query.site)}` +
        ` AND time >= ${timeLiteral(query.range.from)} AND time < ${timeLiteral(query.range.to)}` +
        ` GROUP BY time(${Math.max(1, Math.trunc(query.stepMs))}ms) fill(none)`,
    );
    const first = series[0];
    if (!first) return [];
    return first.values.map((row) => ({
      time: Number(row[0]),
      values: Object.fromEntries(
        first.columns.slice(1).map((column, i) => [column, Number(row[i + 1] ?? 0)]),
      ),
    }));
  }

  /**
   * Deletes by site and measurement: windows by the aggregates cutoffs, raw points by the events
   * cutoffs. Sites are read from the store, so those no longer configured go by the default.
   */
  async expire(plan: RetentionPlan): Promise<number> {
    const measurements = [
      [WINDOWS_MEASUREMENT, plan.aggregates],
      [EVENTS_MEASUREMENT, plan.events],
    ] as const;
    for (const [measurement, cutoffs] of measurements)
      for (const site of await this.sitesIn(measurement)) {
        const cutoff = cutoffOf(cutoffs, site);
        if (cutoff > 0) await this.transport.deleteBefore(measurement, site, cutoff);
      }
    return 0;
  }

  private async sitesIn(measurement: string): Promise<string[]> {
    const series = await this.transport.query(
      `SHOW TAG VALUES FROM ${quoteIdentifier(measurement)} WITH KEY = "site"`,
    );
    return series.flatMap((entry) => entry.values.map((row) => String(row[1])));
  }

  check(): Promise<void> {
    return this.transport.ping();
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private async writeChunked(lines: string[], precision: 'ms' | 'ns'): Promise<void> {
    for (let i = 0; i < lines.length; i += LINES_PER_WRITE) {
      await this.transport.write(lines.slice(i, i + LINES_PER_WRITE), precision);
    }
  }
}
