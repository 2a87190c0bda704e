/** How a batch of records becomes the rows of one statement. */

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
