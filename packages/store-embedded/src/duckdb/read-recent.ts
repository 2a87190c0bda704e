import type { TimeRange } from '@sightline/ports';
import type { DuckDb } from './database.js';
import { docsOf } from './batch-rows.js';

/** A history table: the column that dates its rows and the one naming what they belong to. */
export type HistoryTable =
  | { table: 'alerts'; time: 'fired_at'; owner: 'rule_id' }
  | { table: 'alert_deliveries'; time: 'sent_at'; owner: 'alert_id' }
  | { table: 'hits'; time: 'fired_at'; owner: 'profile_id' };

/**
 * A site's records in a time range, newest first, at most `limit`; only those of one owner (a
 * rule, an alert, a profile) when it is given.
 */
export async function readRecent<T>(
  db: DuckDb,
  { table, time, owner }: HistoryTable,
  query: { site: string; range: TimeRange; limit: number; owner: string | undefined },
): Promise<T[]> {
  const ofOwner = query.owner === undefined ? '' : ` AND ${owner} = ?`;
  const rows = await db.read(
    `SELECT doc FROM ${table} WHERE site = ? AND ${time} >= ? AND ${time} < ?${ofOwner}
     ORDER BY ${time} DESC, id LIMIT ?`,
    [
      query.site,
      query.range.from,
      query.range.to,
      ...(query.owner === undefined ? [] : [query.owner]),
      query.limit,
    ],
  );
  return docsOf<T>(rows);
}
