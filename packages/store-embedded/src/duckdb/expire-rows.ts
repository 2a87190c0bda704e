import type { RetentionCutoffs } from '@sightline/contract';
import type { DuckDb } from './database.js';
import { jsonStrings } from './batch-rows.js';

/** The tables retention deletes from, and the column that dates their rows (epoch ms). */
export type ExpiringTable =
  | { table: 'events'; time: 'ts' }
  | { table: 'sessions'; time: 'start' }
  | { table: 'hits'; time: 'fired_at' }
  | { table: 'dead_letters'; time: 'set_aside_at' }
  | { table: 'windows'; time: 'start' }
  | { table: 'window_points'; time: 'start' };

/**
 * Deletes the rows past retention: each listed site's older than its cutoff, every other site's
 * older than `others` (a cutoff of 0 keeps all). Resolves with how many rows went. The zone maps
 * of the time column leave only the old row groups to read.
 */
export async function expireRows(
  db: DuckDb,
  { table, time }: ExpiringTable,
  cutoffs: RetentionCutoffs,
): Promise<number> {
  let deleted = 0;
  for (const [site, cutoff] of cutoffs.sites) {
    if (cutoff <= 0) continue;
    deleted += await db.write(`DELETE FROM ${table} WHERE ${time} < ? AND site = ?`, [
      cutoff,
      site,
    ]);
  }
  if (cutoffs.others > 0)
    deleted += await db.write(
      `DELETE FROM ${table} WHERE ${time} < ? AND (site IS NULL OR site NOT IN ${jsonStrings()})`,
      [cutoffs.others, JSON.stringify([...cutoffs.sites.keys()])],
    );
  return deleted;
}
