import type { CollectedEvent, RetentionCutoffs } from '@sightline/contract';
import { eraseRows } from './erase-rows.js';
import { expireRows } from './expire-rows.js';
import type {
  ActivityQuery,
  ActivityRow,
  AppendResult,
  ConversionCounts,
  ConversionQuery,
  EventOrigin,
  EventQuery,
  EventStore,
  FunnelQuery,
  FunnelStep,
  GroupBucket,
  ScanQuery,
  SearchQuery,
  SearchResult,
  TimeBucket,
  TopQuery,
} from '@sightline/ports';
import type { DuckDb, SqlValue } from './database.js';
import { fieldExpression, whereClause } from './event-filters.js';
import { APPEND_EVENTS, appendValues } from './append-events.js';
import { docsOf } from './batch-rows.js';
import { AppendCoalescer } from './coalesce-appends.js';
import { DuckDbTables } from './duckdb-tables.js';
import { conversionCounts } from './conversion-counts.js';

const count = (value: unknown) => Number(value ?? 0);

/**
 * Raw events in the embedded DuckDB file, appended as they come: ids are not checked here (the
 * ledger of counted ids decides upstream which events a message owns), and a processor that
 * resumes from its last commit rewinds its partition first, so a replay stores nothing twice.
 */
export class DuckDbEventStore extends DuckDbTables implements EventStore {
  private readonly appends: AppendCoalescer;

  constructor(db: DuckDb) {
    super(db);
    this.appends = new AppendCoalescer(async (batches) => {
      await db.write(APPEND_EVENTS, appendValues(batches));
    });
  }

  async append(events: CollectedEvent[], origin?: EventOrigin): Promise<AppendResult> {
    if (events.length === 0) return { created: 0, duplicates: 0, rejected: [] };
    await this.appends.append({ events, ...(origin ? { origin } : {}) });
    return { created: events.length, duplicates: 0, rejected: [] };
  }

  /**
   * Forgets the events read from `fromOffset` of `partition` on: those appended before this
   * call, not those appended after it. Rows are appended in the order they are read, so the zone
   * maps of `bus_offset` leave only the last row groups to scan.
   */
  rewind(partition: number, fromOffset: number): Promise<void> {
    return this.appends.inOrder(async () => {
      await this.db.write(
        `DELETE FROM events
         WHERE partition = CAST(? AS INTEGER) AND bus_offset >= CAST(? AS BIGINT)`,
        [partition, fromOffset],
      );
    });
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const where = whereClause(query);
    const order = query.order === 'asc' ? 'ASC' : 'DESC';
    const [rows, total] = await Promise.all([
      query.limit > 0
        ? this.db.read(
            `SELECT doc FROM events WHERE ${where.text} ORDER BY ts ${order}, id ${order} LIMIT ?`,
            [...where.values, query.limit],
          )
        : Promise.resolve([]),
      this.db.read(`SELECT count(*) AS total FROM events WHERE ${where.text}`, where.values),
    ]);
    return {
      events: docsOf<CollectedEvent>(rows),
      total: count(total[0]?.total),
    };
  }

  async scan(query: ScanQuery): Promise<CollectedEvent[]> {
    const where = whereClause(query);
    // Keyset paging: a page starts after the last event of the one before, so events that share
    // a time are neither repeated nor skipped, and the zone maps on ts skip what came before.
    const after: { text: string; values: SqlValue[] } = query.after
      ? {
          text: ' AND (ts > ? OR (ts = ? AND id > ?))',
          values: [query.after.ts, query.after.ts, query.after.id],
        }
      : { text: '', values: [] };
    const rows = await this.db.read(
      `SELECT doc FROM events WHERE ${where.text}${after.text} ORDER BY ts, id LIMIT ?`,
      [...where.values, ...after.values, query.limit],
    );
    return docsOf<CollectedEvent>(rows);
  }

  erase(site: string, visitors: string[]): Promise<number> {
    return eraseRows(this.db, { table: 'events', visitor: 'visitor' }, site, visitors);
  }

  expire(cutoffs: RetentionCutoffs): Promise<number> {
    return expireRows(this.db, { table: 'events', time: 'ts' }, cutoffs);
  }

  async timeseries(query: EventQuery & { stepMs: number }): Promise<TimeBucket[]> {
    const step = Math.max(1, Math.trunc(query.stepMs));
    const where = whereClause(query);
    // Steps aligned to the epoch, as a date histogram does; empty steps included.
    const first = Math.floor(query.range.from / step) * step;
    const rows = await this.db.read(
      `WITH counted AS (
         SELECT (ts // ?) * ? AS time, count(*) AS events, count(DISTINCT visitor) AS visitors
         FROM events WHERE ${where.text} GROUP BY 1
       )
       SELECT steps.range AS time, coalesce(events, 0) AS events, coalesce(visitors, 0) AS visitors
       FROM range(?::BIGINT, ?::BIGINT, ?::BIGINT) AS steps
       LEFT JOIN counted ON counted.time = steps.range
       ORDER BY time`,
      [step, step, ...where.values, first, query.range.to, step],
    );
    return rows.map((row) => ({
      time: count(row.time),
      events: count(row.events),
      visitors: count(row.visitors),
    }));
  }

  async topN(query: TopQuery): Promise<GroupBucket[]> {
    const { sql, list } = fieldExpression(query.dimension);
    const where = whereClause(query);
    const key = list ? `unnest(${sql})` : sql;
    const summed = query.sum === undefined ? undefined : fieldExpression(query.sum);
    if (summed?.list) throw new Error(`cannot sum "${query.sum}", a field of a list`);
    const rows = await this.db.read(
      `SELECT key, count(*) AS events, count(DISTINCT visitor) AS visitors, sum(amount) AS sum
       FROM (SELECT ${key} AS key, visitor,
                    ${summed ? `TRY_CAST(${summed.sql} AS DOUBLE)` : 'NULL'} AS amount
             FROM events WHERE ${where.text})
       WHERE key IS NOT NULL
       GROUP BY key ORDER BY events DESC, key ASC LIMIT ?`,
      [...where.values, Math.max(0, Math.trunc(query.limit))],
    );
    return rows.map((row) => ({
      key: String(row.key),
      events: count(row.events),
      visitors: count(row.visitors),
      ...(summed ? { sum: Number(row.sum ?? 0) } : {}),
    }));
  }

  conversions(query: ConversionQuery): Promise<ConversionCounts> {
    return conversionCounts(this.db, query);
  }

  /**
   * One statement: each step's visits with the time they reached it (the first match at or after
   * the step before), then per step the count and the median time from the step before.
   */
  async funnel(query: FunnelQuery): Promise<FunnelStep[]> {
    if (query.steps.length === 0) return [];
    const values: SqlValue[] = [];
    const ctes = query.steps.map((step, k) => {
      const where = whereClause({ ...query, filters: [...(query.filters ?? []), ...step] });
      values.push(...where.values);
      return k === 0
        ? `s0 AS (SELECT session, min(ts) AS t, NULL::BIGINT AS took
                  FROM events WHERE ${where.text} GROUP BY session)`
        : `s${k} AS (SELECT x.session, min(x.ts) AS t, min(x.ts) - any_value(p.t) AS took
                  FROM (SELECT session, ts FROM events WHERE ${where.text}) x
                  JOIN s${k - 1} p ON x.session = p.session AND x.ts >= p.t
                  GROUP BY x.session)`;
    });
    const rows = await this.db.read(
      `WITH ${ctes.join(',\n')}
       ${query.steps
         .map(
           (_, k) =>
             `SELECT ${k} AS step, count(*) AS visits, quantile_cont(took, 0.5) AS median FROM s${k}`,
         )
         .join('\nUNION ALL\n')}
       ORDER BY step`,
      values,
    );
    return rows.map((row) => ({
      visits: count(row.visits),
      ...(row.median === null || row.median === undefined ? {} : { medianMs: Number(row.median) }),
    }));
  }

  async activity(query: ActivityQuery): Promise<ActivityRow[]> {
    const step = Math.max(1, Math.trunc(query.stepMs));
    const where = whereClause(query);
    const rows = await this.db.read(
      `SELECT (ts // ?) * ? AS start, visitor,
              json_extract_string(doc, '$.ip') AS ip, country,
              count(*) AS events,
              count(*) FILTER (WHERE type = 'pageview') AS pageviews
       FROM events WHERE ${where.text}
       GROUP BY ALL HAVING count(*) >= ?
       ORDER BY start, visitor, ip NULLS FIRST, country NULLS FIRST LIMIT ?`,
      [step, step, ...where.values, query.minEvents ?? 1, Math.max(0, Math.trunc(query.limit))],
    );
    return rows.map((row) => ({
      start: count(row.start),
      visitor: String(row.visitor),
      ...(typeof row.ip === 'string' ? { ip: row.ip } : {}),
      ...(typeof row.country === 'string' ? { country: row.country } : {}),
      events: count(row.events),
      pageviews: count(row.pageviews),
    }));
  }

  async check(): Promise<void> {
    await this.db.read('SELECT 1');
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
