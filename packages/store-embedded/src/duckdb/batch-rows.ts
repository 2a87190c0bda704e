/** How a batch of records becomes the rows of one statement. */
import type { DuckDb } from './database.js';

/**
 * Rows from a JSON array given as one parameter: a whole batch is one statement (faster than
 * DuckDB's appender row by row from JavaScript, and one JSON parse per record).
 */
export const jsonRows = (parameter = '?') =>
  `(SELECT unnest(from_json(${parameter}::JSON, '["JSON"]')) AS r)`;

/** The strings of a JSON array given as one parameter, for `column IN (...)`. */
export const jsonStrings = (parameter = '?') =>
  `(SELECT unnest(from_json(${parameter}::JSON, '["VARCHAR"]')))`;

/** The last record of each key: a batch that holds a key twice keeps its last write. */
export function lastOfEach<T>(records: T[], key: (record: T) => string): T[] {
  return [...new Map(records.map((record) => [key(record), record])).values()];
}

/** The smallest of a batch's values of one field (the lower bound of a pruned delete). */
export const least = <T>(records: T[], value: (record: T) => number): number =>
  records.reduce((min, record) => Math.min(min, value(record)), Infinity);

/** The records kept whole in the `doc` column of each row. */
export const docsOf = <T>(rows: Record<string, unknown>[]): T[] =>
  rows.map((row) => JSON.parse(String(row.doc)) as T);

/**
 * Writes the last record of each key through `statement`, which reads them from `jsonRows()`
 * (an `INSERT OR REPLACE` or `INSERT OR IGNORE`); nothing for an empty batch.
 */
export async function writeLatest<T>(
  db: Pick<DuckDb, 'write'>,
  statement: string,
  records: T[],
  key: (record: T) => string,
): Promise<void> {
  if (records.length === 0) return;
  await db.write(statement, [JSON.stringify(lastOfEach(records, key))]);
}
