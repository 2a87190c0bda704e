import type { SessionRecord } from '@sightline/contract';
import type { SessionStore, TimeRange } from '@sightline/event-store';
import type { DuckDb } from './database.js';
import { jsonRows, lastOfEach } from './batch-rows.js';
import { ensureTables } from './schema.js';

const parse = (rows: Record<string, unknown>[]) =>
  rows.map((row) => JSON.parse(String(row.doc)) as SessionRecord);

/** Visits in the embedded DuckDB file: one row per visit id, replaced on every write. */
export class DuckDbSessionStore implements SessionStore {
  constructor(private readonly db: DuckDb) {}

  ensureSchema(): Promise<void> {
    return ensureTables(this.db);
  }

  async writeSessions(records: SessionRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.db.write(
      `INSERT OR REPLACE INTO sessions
       SELECT r->>'id', r->>'site', r->>'visitor', CAST(r->>'partition' AS INTEGER),
              CAST(r->>'start' AS BIGINT), r->>'status', CAST(r->>'lastOffset' AS BIGINT),
              CAST(r->>'endWindow' AS BIGINT), r
       FROM ${jsonRows()}`,
      [JSON.stringify(lastOfEach(records, (record) => record.id))],
    );
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
