import type { DuckDb } from './database.js';
import { jsonStrings } from './batch-rows.js';

/** The tables erasure deletes from, and the SQL that names a row's visitor. */
export type ErasingTable =
  | { table: 'events'; visitor: 'visitor' }
  | { table: 'sessions'; visitor: 'visitor' }
  | { table: 'hits'; visitor: `(doc->>'visitor')` };

/** Deletes a site's rows of these visitors; resolves with how many went. */
export function eraseRows(
  db: DuckDb,
  { table, visitor }: ErasingTable,
  site: string,
  visitors: string[],
): Promise<number> {
  return db.write(`DELETE FROM ${table} WHERE site = ? AND ${visitor} IN ${jsonStrings()}`, [
    site,
    JSON.stringify(visitors),
  ]);
}
