'use client';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import { ErrorLine } from '@/app/ui/error-line';
import { countryName } from '@/app/ui/ranked-list';
import { card, input, Shell } from '@/app/ui/shell';
import { SpanSelect } from '@/app/ui/span-select';
import { FiguresHead } from '@/app/ui/table-head';
import { useApi } from '@/app/ui/use-api';
import type { ActivityPeak } from '@/server/activity/hopping-peaks';

const RANGES: [string, number][] = [
  ['1 hour', 3_600_000],
  ['24 hours', 86_400_000],
];

interface Activity {
  windowMs: number;
  advanceMs: number;
  rows: ActivityPeak[];
  truncated: boolean;
}

const time = (ms: number) => new Date(ms).toLocaleString();
/** The columns of each one's busiest minute. */
const FIGURES = ['Events in its busiest minute', 'Page views in it'];

/**
 * Unusual activity: visitors or addresses with more events in one minute (hopping every 5
 * seconds) than a person makes — scripts, scrapers, a page stuck in a loop — with their busiest
 * minute; a visitor opens their events in Explore.
 */
export function ActivityReport() {
  const { key = '' } = useParams<{ key: string }>();
  const [by, setBy] = useState<'visitor' | 'address'>('visitor');
  const [min, setMin] = useState(60);
  const [span, setSpan] = useState(RANGES[0]![1]);
  const [bots, setBots] = useState(false);
  // The range ends when the choice was made, so the path stays the same between renders.
  const path = useMemo(() => {
    const to = Date.now();
    return `/api/sites/${encodeURIComponent(key)}/activity?by=${by}&min=${min}&from=${to - span}&to=${to}&bots=${bots}`;
  }, [key, by, min, span, bots]);
  const { data: activity, error } = useApi<Activity>(path);
  return (
    <Shell site={key}>
      <h1 className="mb-2 text-2xl font-semibold tracking-tight">Unusual activity</h1>
      <p className="mb-6 max-w-2xl text-sm text-slate-600">
        Each visitor&apos;s or address&apos;s busiest minute (a minute starting every 5 seconds),
        for those with more events in it than the mark. Addresses are networks: the last part of
        each address is never kept.
      </p>
      <div className="mb-6 flex flex-wrap items-end gap-4 text-sm">
        <label className="flex flex-col gap-1">
          By
          <select
            className={input}
            value={by}
            onChange={(e) => setBy(e.target.value as 'visitor' | 'address')}
          >
            <option value="visitor">visitor</option>
            <option value="address">address</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          More events a minute than
          <input
            className={input}
            type="number"
            min={0}
            value={min}
            onChange={(e) => setMin(Math.max(0, Number(e.target.value) || 0))}
          />
        </label>
        <label className="flex flex-col gap-1">
          Over the last
          <SpanSelect spans={RANGES} value={span} onChange={setSpan} />
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={bots} onChange={(e) => setBots(e.target.checked)} />
          Include bots
        </label>
      </div>
      <ErrorLine error={error} />
      <section className={card}>
        {activity && activity.rows.length === 0 && (
          <p className="text-sm text-slate-400">Nobody above the mark.</p>
        )}
        {activity && activity.rows.length > 0 && (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="activity">
              <FiguresHead
                className="text-left text-slate-500"
                columns={[
                  by === 'visitor' ? 'Visitor' : 'Address',
                  'Country',
                  ...(by === 'address' ? ['Visitors'] : []),
                  ...FIGURES,
                  'From',
                ]}
                right={['Visitors', ...FIGURES]}
              />
              <tbody>
                {activity.rows.map((row) => (
                  <tr
                    key={row.key}
                    className="border-t border-slate-100"
                    data-testid="activity-row"
                  >
                    <td className="py-1.5 pr-4 font-mono text-xs">
                      {by === 'visitor' ? (
                        <Link
                          className="text-indigo-700 underline"
                          href={`/sites/${encodeURIComponent(key)}/explore?filter=${encodeURIComponent(`visitor:eq:${row.key}`)}`}
                        >
                          {row.key}
                        </Link>
                      ) : (
                        row.key
                      )}
                    </td>
                    <td className="py-1.5 pr-4">{row.country ? countryName(row.country) : '–'}</td>
                    {by === 'address' && (
                      <td className="py-1.5 pr-4 text-right tabular-nums">{row.visitors}</td>
                    )}
                    <td
                      className="py-1.5 pr-4 text-right tabular-nums"
                      data-testid="activity-events"
                    >
                      {row.events.toLocaleString()}
                    </td>
                    <td className="py-1.5 pr-4 text-right tabular-nums">
                      {row.pageviews.toLocaleString()}
                    </td>
                    <td className="py-1.5 tabular-nums text-slate-600">{time(row.start)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {activity?.truncated && (
          <p className="mt-3 text-sm text-amber-700">
            The range holds more activity than one report reads: choose a shorter one.
          </p>
        )}
      </section>
    </Shell>
  );
}
