import type { SessionRecord, RetentionCutoffs } from '@sightline/contract';
import { eraseRows } from './erase-rows.js';
import { expireRows } from './expire-rows.js';
import {
  isVisitFilter,
  selectsVisitors,
  type SessionStore,
  type VisitDimension,
  type VisitQuery,
  type VisitStats,
} from '@sightline/ports';
import type { SqlValue } from './database.js';
import { docsOf, jsonRows, jsonStrings, lastOfEach, least } from './batch-rows.js';
import { columnsOf } from './schema.js';
import { DuckDbTables } from './duckdb-tables.js';
import { visitorsWho } from './event-filters.js';

const parse = (rows: Record<string, unknown>[]) => docsOf<SessionRecord>(rows);

/**
 * The WHERE clause of a site's visits that started in a range and match the visit filters (see
 * VISIT_FILTER_FIELDS: read from the visit's document), or whose visitor reached something in the
 * range (a subquery on the events).
 */
function visitsWhere(query: VisitQuery): { text: string; values: SqlValue[] } {
  const parts = ['site = ?', 'start >= ?', 'start < ?'];
  const values: SqlValue[] = [query.site, query.range.from, query.range.to];
  for (const f of query.filters ?? []) {
    if (!isVisitFilter(f)) throw new Error(`unknown field "${f.field}" for visits`);
    if (selectsVisitors(f)) {
      const who = visitorsWho(f, { site: query.site, range: query.range });
      parts.push(who.text);
      values.push(...who.values);
      continue;
    }
    // The field is one of the set's names (letters and one dot), never free text.
    const path = `'$.${f.field}'`;
    parts.push(
      f.op === 'eq'
        ? `json_extract_string(doc, ${path}) = ?`
        : `json_extract_string(doc, ${path}) IS DISTINCT FROM ?`,
    );
    values.push(String(f.value ?? ''));
  }
  return { text: parts.join(' AND '), values };
}

/** Visits in the embedded DuckDB file: one row per visit id, replaced on every write. */
export class DuckDbSessionStore extends DuckDbTables implements SessionStore {
  /**
   * Replaces each visit's row: the earlier rows of these ids are deleted, then the records
   * inserted, in one transaction. A visit's id stands for its partition and first offset, so its
   * rows lie at or after the batch's smallest first offset: the zone maps of `start_offset` leave
   * only the recent row groups to read, however many visits are stored.
   */
  async writeSessions(records: SessionRecord[]): Promise<void> {
    if (records.length === 0) return;
    const latest = lastOfEach(records, (record) => record.id);
    await this.db.transaction(async (tx) => {
      await tx.run(
        `DELETE FROM sessions
         WHERE partition BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)
           AND start_offset >= CAST(? AS BIGINT) AND id IN ${jsonStrings()}`,
        [
          least(latest, (record) => record.partition),
          -least(latest, (record) => -record.partition),
          least(latest, (record) => record.startOffset),
          JSON.stringify(latest.map((record) => record.id)),
        ],
      );
      await tx.run(
        `INSERT INTO sessions (${columnsOf('sessions')})
         SELECT r->>'id', r->>'site', r->>'visitor', CAST(r->>'partition' AS INTEGER),
                CAST(r->>'start' AS BIGINT), r->>'status', CAST(r->>'lastOffset' AS BIGINT),
                CAST(r->>'endWindow' AS BIGINT), r, CAST(r->>'startOffset' AS BIGINT)
         FROM ${jsonRows()}`,
        [JSON.stringify(latest)],
      );
    });
  }

  async sessionsToRestore(
    partition: number,
    fromOffset: number,
    closedBefore: number,
  ): Promise<SessionRecord[]> {
    return parse(
      await this.db.read(
        `SELECT doc FROM sessions
         WHERE partition = ? AND (status = 'open' OR last_offset >= ? OR end_window >= ?)
         ORDER BY id`,
        [partition, fromOffset, closedBefore],
      ),
    );
  }

  async visitStats(query: VisitQuery): Promise<VisitStats> {
    const where = visitsWhere(query);
    const [row] = await this.db.read(
      `SELECT count(*) AS visits,
              count(*) FILTER (WHERE CAST(doc->>'pageviews' AS BIGINT) <= 1) AS bounces,
              coalesce(sum(CAST(doc->>'durationMs' AS BIGINT)), 0)::DOUBLE AS duration
       FROM sessions WHERE ${where.text}`,
      where.values,
    );
    return {
      visits: Number(row?.visits ?? 0),
      bounces: Number(row?.bounces ?? 0),
      durationMsSum: Number(row?.duration ?? 0),
    };
  }

  async topVisits(
    query: VisitQuery & { dimension: VisitDimension; limit: number },
  ): Promise<{ key: string; visits: number }[]> {
    // The dimension is one of two names, never the caller's text.
    const path = query.dimension === 'entryPath' ? '$.entryPath' : '$.exitPath';
    const where = visitsWhere(query);
    const rows = await this.db.read(
      `SELECT key, count(*) AS visits
       FROM (SELECT json_extract_string(doc, '${path}') AS key FROM sessions WHERE ${where.text})
       WHERE key IS NOT NULL
       GROUP BY key ORDER BY visits DESC, key ASC LIMIT ?`,
      [...where.values, Math.max(0, Math.trunc(query.limit))],
    );
    return rows.map((row) => ({ key: String(row.key), visits: Number(row.visits) }));
  }

  erase(site: string, visitors: string[]): Promise<number> {
    return eraseRows(this.db, { table: 'sessions', visitor: 'visitor' }, site, visitors);
  }

  expire(cutoffs: RetentionCutoffs): Promise<number> {
    return expireRows(this.db, { table: 'sessions', time: 'start' }, cutoffs);
  }

  async sessions(
    query: VisitQuery & { visitor?: string; limit: number },
  ): Promise<SessionRecord[]> {
    const where = visitsWhere(query);
    return parse(
      await this.db.read(
        `SELECT doc FROM sessions
         WHERE ${where.text} ${query.visitor === undefined ? '' : 'AND visitor = ?'}
         ORDER BY start DESC, id ASC LIMIT ?`,
        [...where.values, ...(query.visitor === undefined ? [] : [query.visitor]), query.limit],
      ),
    );
  }
}
