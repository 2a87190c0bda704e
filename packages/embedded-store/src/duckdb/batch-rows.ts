/** How a batch of records becomes the rows of one statement. */

/**
 * Rows from a JSON array given as one parameter: a whole batch is one statement (DuckDB's
 * appender cannot skip or replace existing keys).
 */
export const jsonRows = (parameter = '?') =>
  `(SELECT unnest(from_json(${parameter}::JSON, '["JSON"]')) AS r)`;

/** The last record of each key: DuckDB refuses to replace one row twice in a statement. */
export function lastOfEach<T>(records: T[], key: (record: T) => string): T[] {
  return [...new Map(records.map((record) => [key(record), record])).values()];
}
