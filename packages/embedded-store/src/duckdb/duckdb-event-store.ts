import type { CollectedEvent } from '@sightline/contract';
import type {
  ActivityQuery,
  ActivityRow,
  AppendResult,
  EventQuery,
  EventStore,
  GroupBucket,
  SearchQuery,
  SearchResult,
  TimeBucket,
} from '@sightline/event-store';
import type { DuckDb } from './database.js';
import { fieldExpression, whereClause } from './event-filters.js';
import { jsonRows } from './batch-rows.js';
import { DERIVED_COLUMNS, jsonPath } from './event-columns.js';
import { ensureTables } from './schema.js';

const count = (value: unknown) => Number(value ?? 0);

/** Raw events in the embedded DuckDB file: the event id is the primary key. */
export class DuckDbEventStore implements EventStore {
  constructor(private readonly db: DuckDb) {}

  ensureSchema(): Promise<void> {
    return ensureTables(this.db);
  }

  async append(events: CollectedEvent[]): Promise<AppendResult> {
    if (events.length === 0) return { created: 0, duplicates: 0, rejected: [] };
    // The first copy of an id wins; repeats (in this batch or stored before) are skipped.
    const created = await this.db.write(
      // One extraction of every path parses each event's JSON once (about 1.4 times faster).
      `INSERT OR IGNORE INTO events (id, site, ts, visitor, bot, ${DERIVED_COLUMNS.map(([, c]) => c).join(', ')}, doc)
       SELECT x[1], x[2], CAST(x[3] AS BIGINT), x[4], coalesce(CAST(x[5] AS BOOLEAN), false),
              ${DERIVED_COLUMNS.map((_, i) => `x[${i + 6}]`).join(', ')}, r
       FROM (SELECT r, json_extract_string(r, ['$.id', '$.site', '$.ts', '$.visitor', '$.bot',
                ${DERIVED_COLUMNS.map(([field]) => jsonPath(field)).join(', ')}]) AS x
             FROM ${jsonRows()})`,
      [JSON.stringify(events)],
    );
    return { created, duplicates: events.length - created, rejected: [] };
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
      events: rows.map((row) => JSON.parse(String(row.doc)) as CollectedEvent),
      total: count(total[0]?.total),
    };
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

  async topN(query: EventQuery & { dimension: string; limit: number }): Promise<GroupBucket[]> {
    const { sql, list } = fieldExpression(query.dimension);
    const where = whereClause(query);
    const key = list ? `unnest(${sql})` : sql;
    const rows = await this.db.read(
      `SELECT key, count(*) AS events, count(DISTINCT visitor) AS visitors
       FROM (SELECT ${key} AS key, visitor FROM events WHERE ${where.text})
       WHERE key IS NOT NULL
       GROUP BY key ORDER BY events DESC, key ASC LIMIT ?`,
      [...where.values, Math.max(0, Math.trunc(query.limit))],
    );
    return rows.map((row) => ({
      key: String(row.key),
      events: count(row.events),
      visitors: count(row.visitors),
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
