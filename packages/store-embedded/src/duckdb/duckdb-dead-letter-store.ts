import type { DeadLetter, RetentionCutoffs } from '@sightline/contract';
import { expireRows } from './expire-rows.js';
import type { DeadLetterStore, DeadLetterSummary } from '@sightline/ports';
import { docsOf, jsonRows, writeLatest } from './batch-rows.js';
import { DuckDbTables } from './duckdb-tables.js';

/** Dead letters in the embedded DuckDB file: a table, one row per letter id. */
export class DuckDbDeadLetterStore extends DuckDbTables implements DeadLetterStore {
  write(letters: DeadLetter[]): Promise<void> {
    return writeLatest(
      this.db,
      `INSERT OR IGNORE INTO dead_letters
       SELECT r->>'id', CAST(r->>'at' AS BIGINT), r->>'site', r->>'stage', r
       FROM ${jsonRows()}`,
      letters,
      (letter) => letter.id,
    );
  }

  async summary(query: { site?: string; limit: number }): Promise<DeadLetterSummary> {
    const where = query.site === undefined ? 'TRUE' : 'site = ?';
    const values = query.site === undefined ? [] : [query.site];
    const [total, rows] = await Promise.all([
      this.db.read(`SELECT count(*) AS total FROM dead_letters WHERE ${where}`, values),
      this.db.read(
        `SELECT doc FROM dead_letters WHERE ${where} ORDER BY set_aside_at DESC, id LIMIT ?`,
        [...values, Math.max(0, Math.trunc(query.limit))],
      ),
    ]);
    return {
      total: Number(total[0]?.total ?? 0),
      recent: docsOf<DeadLetter>(rows),
    };
  }

  expire(cutoffs: RetentionCutoffs): Promise<number> {
    return expireRows(this.db, { table: 'dead_letters', time: 'set_aside_at' }, cutoffs);
  }
}
