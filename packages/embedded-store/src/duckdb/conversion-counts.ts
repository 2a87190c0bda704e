import type { ConversionCounts, ConversionQuery } from '@sightline/event-store';
import type { DuckDb, SqlValue } from './database.js';
import { filtersCondition, whereClause } from './event-filters.js';

const count = (value: unknown) => Number(value ?? 0);

/**
 * The range's visitors and every target's conversions in one statement: one pass over the
 * range's rows folds them by visitor and currency (a handful of rows per visitor), and the
 * distinct counts and revenue sums are taken over that much smaller set. Counting distinct
 * visitors over the raw rows once per target was what made a dashboard of goals slow.
 */
export async function conversionCounts(
  db: DuckDb,
  query: ConversionQuery,
): Promise<ConversionCounts> {
  const where = whereClause(query);
  const targets = query.targets.map((target) => filtersCondition(target, query));
  const values: SqlValue[] = [...targets.flatMap((target) => target.values), ...where.values];
  const flags = targets.map((target, k) => `, (${target.text}) AS t${k}`).join('');
  const folded = targets
    .map(
      (_, k) => `, bool_or(t${k}) AS r${k}, count(*) FILTER (WHERE t${k}) AS e${k},
                  sum(TRY_CAST(value AS DOUBLE)) FILTER (WHERE t${k}) AS s${k}`,
    )
    .join('');
  const totals = targets
    .map(
      (_, k) => `, count(DISTINCT visitor) FILTER (WHERE r${k}) AS v${k},
                  sum(e${k}) AS e${k}, sum(s${k}) AS s${k}`,
    )
    .join('');
  const rows = await db.read(
    `WITH matched AS (
       SELECT visitor, currency, event_value AS value${flags} FROM events WHERE ${where.text}
     ), folded AS (
       SELECT visitor, currency${folded} FROM matched GROUP BY visitor, currency
     )
     SELECT GROUPING(currency) AS whole, currency, count(DISTINCT visitor) AS visitors${totals}
     FROM folded GROUP BY GROUPING SETS ((), (currency))`,
    values,
  );
  const whole = rows.find((row) => count(row.whole) === 1);
  const byCurrency = rows.filter((row) => count(row.whole) === 0 && row.currency !== null);
  return {
    visitors: count(whole?.visitors),
    targets: targets.map((_, k) => ({
      visitors: count(whole?.[`v${k}`]),
      events: count(whole?.[`e${k}`]),
      revenue: Object.fromEntries(
        byCurrency
          .filter((row) => row[`s${k}`] !== null && row[`s${k}`] !== undefined)
          .map((row) => [String(row.currency), Number(row[`s${k}`])]),
      ),
    })),
  };
}
