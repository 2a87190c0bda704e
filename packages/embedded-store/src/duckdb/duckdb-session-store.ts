import type { SessionRecord } from '@sightline/contract';
import type { SessionStore, TimeRange, VisitDimension, VisitStats } from '@sightline/event-store';
import type { DuckDb } from './database.js';
import { jsonRows, jsonStrings, lastOfEach, least } from './batch-rows.js';
import { columnsOf } from './schema.js';
import { ensureTables } from './ensure-tables.js';

const parse = (rows: Record<string, unknown>[]) =>
  rows.map((row) => JSON.parse(String(row.doc)) as SessionRecord);

/** Visits in the embedded DuckDB file: one row per visit id, replaced on every write. */
export class DuckDbSessionStore implements SessionStore {
  constructor(private readonly db: DuckDb) {}

  ensureSchema(): Promise<void> {
    return ensureTables(this.db);
  }

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

  async visitStats(query: { site: string; range: TimeRange }): Promise<VisitStats> {
    const [row] = await this.db.read(
      `SELECT count(*) AS visits,
              count(*) FILTER (WHERE CAST(doc->>'pageviews' AS BIGINT) <= 1) AS bounces,
              coalesce(sum(CAST(doc->>'durationMs' AS BIGINT)), 0)::DOUBLE AS duration
       FROM sessions WHERE site = ? AND start >= ? AND start < ?`,
      [query.site, query.range.from, query.range.to],
    );
    return {
      visits: Number(row?.visits ?? 0),
      bounces: Number(row?.bounces ?? 0),
      durationMsSum: Number(row?.duration ?? 0),
    };
  }

  async topVisits(query: {
    site: string;
    range: TimeRange;
    dimension: VisitDimension;
    limit: number;
  }): Promise<{ key: string; visits: number }[]> {
    // The dimension is one of two names, never the caller's text.
    const path = query.dimension === 'entryPath' ? '$.entryPath' : '$.exitPath';
    const rows = await this.db.read(
      `SELECT key, count(*) AS visits
       FROM (SELECT json_extract_string(doc, '${path}') AS key FROM sessions
             WHERE site = ? AND start >= ? AND start < ?)
       WHERE key IS NOT NULL
       GROUP BY key ORDER BY visits DESC, key ASC LIMIT ?`,
      [query.site, query.range.from, query.range.to, Math.max(0, Math.trunc(query.limit))],
    );
    return rows.map((row) => ({ key: String(row.key), visits: Number(row.visits) }));
  }

  async sessions(query: {
    site: string;
    range: TimeRange;
    visitor?: string;
    limit: number;
  }): Promise<SessionRecord[]> {
    return parse(
      await this.db.read(
        `SELECT doc FROM sessions
         WHERE site = ? AND start >= ? AND start < ? ${query.visitor === undefined ? '' : 'AND visitor = ?'}
         ORDER BY start DESC, id ASC LIMIT ?`,
        [
          query.site,
          query.range.from,
          query.range.to,
          ...(query.visitor === undefined ? [] : [query.visitor]),
          query.limit,
        ],
      ),
    );
  }
}
