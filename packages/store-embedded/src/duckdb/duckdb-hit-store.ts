import type { ProfileHit, RetentionCutoffs } from '@sightline/contract';
import { expireRows } from './expire-rows.js';
import type { HitQuery, HitStore } from '@sightline/ports';
import { jsonRows, jsonStrings, lastOfEach, least } from './batch-rows.js';
import { eraseRows } from './erase-rows.js';
import { readRecent } from './read-recent.js';
import { columnsOf } from './schema.js';
import { DuckDbTables } from './duckdb-tables.js';

/** Profile hits in the embedded DuckDB file: one row per hit id. */
export class DuckDbHitStore extends DuckDbTables implements HitStore {
  /**
   * Replaces each hit's row: earlier rows of these ids are deleted, then the hits inserted, in
   * one transaction. A hit delivered again carries the time it was decided, so its rows lie at or
   * after the batch's earliest `firedAt`: the zone maps leave only recent row groups to read.
   */
  async writeHits(hits: ProfileHit[]): Promise<void> {
    if (hits.length === 0) return;
    const latest = lastOfEach(hits, (hit) => hit.id);
    await this.db.transaction(async (tx) => {
      await tx.run(
        `DELETE FROM hits WHERE fired_at >= CAST(? AS BIGINT) AND id IN ${jsonStrings()}`,
        [least(latest, (hit) => hit.firedAt), JSON.stringify(latest.map((hit) => hit.id))],
      );
      await tx.run(
        `INSERT INTO hits (${columnsOf('hits')})
         SELECT r->>'id', r->>'site', r->>'profileId', CAST(r->>'firedAt' AS BIGINT), r
         FROM ${jsonRows()}`,
        [JSON.stringify(latest)],
      );
    });
  }

  erase(site: string, visitors: string[]): Promise<number> {
    return eraseRows(this.db, { table: 'hits', visitor: `(doc->>'visitor')` }, site, visitors);
  }

  expire(cutoffs: RetentionCutoffs): Promise<number> {
    return expireRows(this.db, { table: 'hits', time: 'fired_at' }, cutoffs);
  }

  hits(query: HitQuery): Promise<ProfileHit[]> {
    return readRecent(
      this.db,
      { table: 'hits', time: 'fired_at', owner: 'profile_id' },
      { ...query, owner: query.profileId },
    );
  }
}
