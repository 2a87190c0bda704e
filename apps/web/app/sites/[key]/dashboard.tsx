'use client';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useState } from 'react';
import { DeadLetterNotice } from '@/app/ui/dead-letter-notice';
import { FilterBar } from '@/app/ui/filter-bar';
import { withFilter, type Comparison } from '@/app/ui/filters';
import { RangeButtons } from '@/app/ui/range-buttons';
import { input, Shell } from '@/app/ui/shell';
import type { Site } from '@/app/ui/types';
import { useApi } from '@/app/ui/use-api';
import { RANGES, useDashboardState } from './dashboard-url';
import { HistoryView } from './history-view';
import { LiveView } from './live-view';

const local = (t: number) =>
  new Date(t - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** One bound of the custom range, in local time. */
function TimeInput(props: { label: string; value: number; onChange: (time: number) => void }) {
  return (
    <label className="text-sm">
      {props.label}
      <input
        type="datetime-local"
        className={input}
        value={local(props.value)}
        onChange={(e) => props.onChange(new Date(e.target.value).getTime())}
      />
    </label>
  );
}

export function Dashboard() {
  const { key = '' } = useParams<{ key: string }>();
  const { data: site, error } = useApi<Site>(`/api/sites/${encodeURIComponent(key)}`);
  const [state, change] = useDashboardState();
  const { range, filters, comparison } = state;
  const [now] = useState(() => Date.now());
  const custom = { from: state.from ?? now - 86_400_000, to: state.to ?? now };
  const chosen = RANGES.find(([id]) => id === range)!;
  const onPick = (field: string, value: string) =>
    change({ filters: withFilter(filters, { field, op: 'eq', value }) });
  const shared = { site: key, filters, comparison, onPick };
  if (error && !site)
    return (
      <Shell site={key}>
        <h1 className="mb-4 text-2xl font-semibold tracking-tight">{key}</h1>
        <p role="alert" className="text-sm text-red-700">
          This site cannot be shown: {error}
        </p>
        <Link href="/sites" className="mt-3 inline-block text-sm text-indigo-700 underline">
          All sites
        </Link>
      </Shell>
    );
  return (
    <Shell site={key}>
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">{site?.name ?? key}</h1>
        <RangeButtons ranges={RANGES} value={range} onChange={(id) => change({ range: id })} />
        {range !== 'live' && (
          <label className="flex items-center gap-2 text-sm text-slate-600">
            Compare with
            <select
              className="rounded border border-slate-300 bg-white px-2 py-1.5"
              value={comparison}
              onChange={(e) => change({ comparison: e.target.value as Comparison })}
            >
              <option value="previous">the previous period</option>
              <option value="year">the same period a year before</option>
            </select>
          </label>
        )}
      </div>
      <FilterBar filters={filters} onChange={(next) => change({ filters: next })} />
      <DeadLetterNotice site={key} />
      {range === 'custom' && (
        <div className="mb-6 flex gap-3">
          <TimeInput
            label="From"
            value={custom.from}
            onChange={(from) => change({ ...custom, from })}
          />
          <TimeInput label="To" value={custom.to} onChange={(to) => change({ ...custom, to })} />
        </div>
      )}
      {range === 'live' ? (
        <LiveView {...shared} />
      ) : range === 'custom' ? (
        custom.from < custom.to && <HistoryView {...shared} from={custom.from} to={custom.to} />
      ) : (
        <HistoryView {...shared} from={now - chosen[2]} to={now} />
      )}
    </Shell>
  );
}
