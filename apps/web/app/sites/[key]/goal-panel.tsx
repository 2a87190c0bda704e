'use client';
import { useEffect, useState } from 'react';
import { api, errorText } from '@/app/ui/api';
import { ErrorLine } from '@/app/ui/error-line';
import { filterQuery, type Filter } from '@/app/ui/filters';
import { goalTarget, type GoalStats } from '@/app/ui/goal';
import { NoneYet } from '@/app/ui/none-yet';
import { card } from '@/app/ui/shell';
import { FiguresHead } from '@/app/ui/table-head';

/** The columns of each goal's figures. */
const FIGURES = ['Visitors', 'Conversions', 'Conversion rate', 'Revenue'];

const money = (revenue: Record<string, number>) =>
  Object.entries(revenue)
    .map(([currency, amount]) => amount.toLocaleString(undefined, { style: 'currency', currency }))
    .join(' + ') || '–';

/**
 * Each goal of the site over a range, with the dashboard's filters: the visitors who reached it,
 * how often it was reached, the share of all visitors who did (conversion rate), and its revenue.
 * With `refreshMs` (the live view) the range is the last `to - from` milliseconds, read again
 * every `refreshMs`. With `onPick`, a goal's name filters the dashboard on the visitors who
 * reached it.
 */
export function GoalPanel({
  site,
  from,
  to,
  filters,
  refreshMs,
  onPick,
}: {
  site: string;
  from: number;
  to: number;
  filters: Filter[];
  refreshMs?: number;
  onPick?: (goalId: string) => void;
}) {
  const [stats, setStats] = useState<{ visitors: number; goals: GoalStats[] }>();
  const [error, setError] = useState<string>();
  const where = filterQuery(filters);
  useEffect(() => {
    const read = () => {
      const end = refreshMs ? Date.now() : to;
      const start = refreshMs ? end - (to - from) : from;
      api<{ visitors: number; goals: GoalStats[] }>(
        `/api/sites/${encodeURIComponent(site)}/goals/stats?from=${start}&to=${end}${where}`,
      ).then(
        (value) => {
          setStats(value);
          setError(undefined);
        },
        (e: unknown) => setError(errorText(e)),
      );
    };
    read();
    if (!refreshMs) return;
    const timer = setInterval(read, refreshMs);
    return () => clearInterval(timer);
  }, [site, from, to, where, refreshMs]);
  return (
    <section className={card} data-testid="goal-panel">
      <h3 className="mb-3 text-sm font-medium text-slate-700">Goals</h3>
      <ErrorLine error={error} flush />
      {stats?.goals.length === 0 && (
        <NoneYet what="goals" href={`/sites/${encodeURIComponent(site)}/goals`} action="Add one" />
      )}
      {stats && stats.goals.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <FiguresHead
              rowClassName="text-left text-xs uppercase tracking-wide text-slate-500"
              columns={['Goal', ...FIGURES]}
              right={FIGURES}
            />
            <tbody>
              {stats.goals.map((row) => (
                <tr
                  key={row.goal.id}
                  data-testid={`goal-${row.goal.id}`}
                  className="border-t border-slate-100"
                >
                  <td className="py-1.5 pr-4">
                    {onPick ? (
                      <button
                        type="button"
                        className="font-medium hover:underline"
                        title="Filter on the visitors who reached this goal"
                        onClick={() => onPick(row.goal.id)}
                      >
                        {row.goal.name}
                      </button>
                    ) : (
                      <span className="font-medium">{row.goal.name}</span>
                    )}{' '}
                    <span className="text-xs text-slate-500">{goalTarget(row.goal)}</span>
                  </td>
                  <td className="py-1.5 pr-4 text-right tabular-nums" data-testid="goal-visitors">
                    {row.visitors.toLocaleString()}
                  </td>
                  <td
                    className="py-1.5 pr-4 text-right tabular-nums"
                    data-testid="goal-conversions"
                  >
                    {row.conversions.toLocaleString()}
                  </td>
                  <td className="py-1.5 pr-4 text-right tabular-nums" data-testid="goal-rate">
                    {(row.rate * 100).toFixed(1)}%
                  </td>
                  <td className="py-1.5 text-right tabular-nums" data-testid="goal-revenue">
                    {money(row.revenue)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
