import type { ConversionCounts, ConversionQuery } from '@sightline/ports';
import type { DuckDb, SqlValue } from './database.js';
import { filtersCondition, whereClause, type Sql } from './event-filters.js';

const count = (value: unknown) => Number(value ?? 0);

/**
 * The range's visitors and every target's conversions in one statement of independent parts
 * (UNION ALL): the range's distinct visitors, and per target its visitors and events, and its
 * revenue per currency. Each part carries its own conditions, so DuckDB reads only the rows of
 * a target (the `type` column first) instead of folding every row of the range.
 */
export async function conversionCounts(
  db: DuckDb,
  query: ConversionQuery,
): Promise<ConversionCounts> {
  const where = whereClause(query);
  const parts: Sql[] = [
    {
      text: `SELECT -1 AS target, NULL AS currency, count(DISTINCT visitor) AS visitors,
                    count(*) AS events, NULL::DOUBLE AS revenue
             FROM events WHERE ${where.text}`,
      values: where.values,
    },
  ];
  query.targets.forEach((filters, k) => {
    const target = filtersCondition(filters, query);
    const values: SqlValue[] = [...where.values, ...target.values];
    parts.push(
      {
        text: `SELECT ${k} AS target, NULL AS currency, count(DISTINCT visitor) AS visitors,
                      count(*) AS events, NULL::DOUBLE AS revenue
               FROM events WHERE ${where.text} AND (${target.text})`,
        values,
      },
      {
        text: `SELECT ${k} AS target, currency, NULL AS visitors, NULL AS events,
                      sum(TRY_CAST(event_value AS DOUBLE)) AS revenue
               FROM events
               WHERE ${where.text} AND (${target.text}) AND currency IS NOT NULL
               GROUP BY currency HAVING count(event_value) > 0`,
        values,
      },
    );
  });
  const rows = await db.read(
    parts.map((part) => part.text).join('\nUNION ALL\n'),
    parts.flatMap((part) => part.values),
  );
  const totals = new Map<number, { visitors: number; events: number }>();
  const revenue = new Map<number, Record<string, number>>();
  for (const row of rows) {
    const target = count(row.target);
    if (typeof row.currency !== 'string')
      totals.set(target, { visitors: count(row.visitors), events: count(row.events) });
    else
      revenue.set(target, {
        ...revenue.get(target),
        [row.currency]: Number(row.revenue ?? 0),
      });
  }
  return {
    visitors: totals.get(-1)?.visitors ?? 0,
    targets: query.targets.map((_, k) => ({
      visitors: totals.get(k)?.visitors ?? 0,
      events: totals.get(k)?.events ?? 0,
      revenue: revenue.get(k) ?? {},
    })),
  };
}
