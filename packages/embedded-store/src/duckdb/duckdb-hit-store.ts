import type { ProfileHit } from '@sightline/contract';
import type { HitQuery, HitStore } from '@sightline/event-store';
import type { DuckDb } from './database.js';
import { jsonRows, lastOfEach } from './batch-rows.js';
import { ensureTables } from './schema.js';

/** Profile hits in the embedded DuckDB file: one row per hit id. */
export class DuckDbHitStore implements HitStore {
  constructor(private readonly db: DuckDb) {}

  ensureSchema(): Promise<void> {
    return ensureTables(this.db);
  }

  async writeHits(hits: ProfileHit[]): Promise<void> {
    if (hits.length === 0) return;
    await this.db.write(
      `INSERT OR REPLACE INTO hits
       SELECT r->>'id', r->>'site', r->>'profileId', CAST(r->>'firedAt' AS BIGINT), r
       FROM ${jsonRows()}`,
      [JSON.stringify(lastOfEach(hits, (hit) => hit.id))],
    );
  }

  async hits(query: HitQuery): Promise<ProfileHit[]> {
    const profile = query.profileId === undefined ? '' : ' AND profile_id = ?';
    const rows = await this.db.read(
      `SELECT doc FROM hits WHERE site = ? AND fired_at >= ? AND fired_at < ?${profile}
       ORDER BY fired_at DESC, id LIMIT ?`,
      [
        query.site,
        query.range.from,
        query.range.to,
        ...(query.profileId === undefined ? [] : [query.profileId]),
        query.limit,
      ],
    );
    return rows.map((row) => JSON.parse(String(row.doc)) as ProfileHit);
  }
}
