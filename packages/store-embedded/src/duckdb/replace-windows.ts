import type { DuckDb } from './database.js';
import { jsonRows, least } from './batch-rows.js';
import { columnsOf } from './schema.js';

export interface WindowRow {
  site: string;
  start: number;
  partition: number;
}

/**
 * Replaces the rows of windows (one per site, start and partition) in `table`: the rows of these
 * keys are deleted, then `rows` inserted (`values` makes a row from the JSON record `r`), in one
 * transaction. The start is part of the key, so the delete reads only row groups whose zone maps
 * reach the batch's earliest start: recent ones, however many windows are stored.
 */
export function replaceWindows(
  db: DuckDb,
  table: 'windows' | 'window_points',
  rows: WindowRow[],
  values: string,
): Promise<void> {
  const json = JSON.stringify(rows);
  return db.transaction(async (tx) => {
    await tx.run(
      `DELETE FROM ${table} USING (
         SELECT r->>'site' AS site, CAST(r->>'start' AS BIGINT) AS start,
                CAST(r->>'partition' AS INTEGER) AS partition
         FROM ${jsonRows('$1')}) AS k
       WHERE ${table}.start >= CAST($2 AS BIGINT) AND ${table}.site = k.site
         AND ${table}.start = k.start AND ${table}.partition = k.partition`,
      [json, least(rows, (row) => row.start)],
    );
    await tx.run(`INSERT INTO ${table} (${columnsOf(table)}) SELECT ${values} FROM ${jsonRows()}`, [
      json,
    ]);
  });
}
