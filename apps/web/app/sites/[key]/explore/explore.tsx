'use client';
import type { CollectedEvent } from '@sightline/contract';
import { useParams, usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { api, errorText } from '@/app/ui/api';
import { TimeChart } from '@/app/ui/charts';
import { ErrorLine } from '@/app/ui/error-line';
import { RankedList } from '@/app/ui/ranked-list';
import { button, card, input, Shell } from '@/app/ui/shell';
import { SpanSelect } from '@/app/ui/span-select';
import { EventTable } from './event-table';
import { filterText, parseFilters, type Filter } from './explore-filters';
import { FilterRows } from './filter-rows';

const RANGES: [string, number][] = [
  ['Last hour', 3_600_000],
  ['Last 24 hours', 86_400_000],
  ['Last 7 days', 7 * 86_400_000],
  ['Last 30 days', 30 * 86_400_000],
];

/** Search raw events, filter on any field, group by any dimension; a visitor's timeline. */
export function Explore() {
  const { key = '' } = useParams<{ key: string }>();
  const base = `/api/sites/${encodeURIComponent(key)}`;
  // The search lives in the URL (range, grouping, filters): a link opens the same search.
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [span, setSpan] = useState(() => {
    const asked = Number(search.get('range'));
    return RANGES.some(([, ms]) => ms === asked) ? asked : 86_400_000;
  });
  const [filters, setFilters] = useState<Filter[]>(() => parseFilters(search.getAll('filter')));
  const [dimension, setDimension] = useState(() => search.get('by') ?? 'path');
  useEffect(() => {
    const params = new URLSearchParams({ range: String(span), by: dimension });
    for (const f of filters) params.append('filter', filterText(f));
    router.replace(`${pathname}?${params.toString()}`, { scroll: false });
  }, [span, dimension, filters, router, pathname]);
  const [events, setEvents] = useState<{ events: CollectedEvent[]; total: number }>();
  const [groups, setGroups] = useState<{ key: string; count: number }[]>([]);
  const [series, setSeries] = useState<{ time: number; events: number; visitors: number }[]>([]);
  const [error, setError] = useState<string>();
  const query = useCallback(
    (extra: Filter[] = []) => {
      const to = Date.now();
      const params = new URLSearchParams({ from: String(to - span), to: String(to) });
      for (const f of [...filters, ...extra]) params.append('filter', filterText(f));
      return params.toString();
    },
    [filters, span],
  );
  const run = useCallback(() => {
    setError(undefined);
    const q = query();
    Promise.all([
      api<{ events: CollectedEvent[]; total: number }>(`${base}/events?${q}&limit=100`),
      api<{ buckets: { key: string; events: number }[] }>(
        `${base}/top?${q}&dimension=${encodeURIComponent(dimension)}&limit=15`,
      ),
      api<{ buckets: { time: number; events: number; visitors: number }[] }>(
        `${base}/timeseries?${q}`,
      ),
    ]).then(
      ([found, top, time]) => {
        setEvents(found);
        setGroups(top.buckets.map((b) => ({ key: b.key, count: b.events })));
        setSeries(time.buckets);
      },
      (e: unknown) => {
        // Results of an earlier search would read as the answer to this one.
        setEvents(undefined);
        setGroups([]);
        setSeries([]);
        setError(errorText(e));
      },
    );
  }, [base, query, dimension]);
  useEffect(run, [run]);
  return (
    <Shell site={key}>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">Explore</h1>
      <section className={`${card} mb-6 space-y-3`}>
        <div className="flex flex-wrap items-end gap-3">
          <label className="text-sm">
            Range
            <SpanSelect spans={RANGES} value={span} onChange={setSpan} />
          </label>
          <label className="text-sm">
            Group by
            <input
              className={`${input} font-mono`}
              value={dimension}
              onChange={(e) => setDimension(e.target.value)}
              aria-label="Group by field"
            />
          </label>
          <button
            type="button"
            className="rounded border border-slate-300 px-3 py-2 text-sm"
            onClick={() => setFilters((f) => [...f, { field: 'type', op: 'eq', value: '' }])}
          >
            Add a filter
          </button>
          <button type="button" className={button} onClick={run}>
            Search
          </button>
          {(['csv', 'ndjson'] as const).map((format) => (
            <button
              key={format}
              type="button"
              className="rounded border border-slate-300 px-3 py-2 text-sm"
              title="Every event the range and filters select, oldest first"
              // An attachment: the browser downloads it and stays on this page.
              onClick={() =>
                window.location.assign(`${base}/export/events?${query()}&format=${format}`)
              }
            >
              Export {format.toUpperCase()}
            </button>
          ))}
        </div>
        <FilterRows filters={filters} onChange={setFilters} />
        <ErrorLine error={error} flush />
      </section>
      <div className="mb-6 grid gap-4 lg:grid-cols-3">
        <section className={`${card} lg:col-span-2`}>
          <h2 className="mb-2 text-sm font-medium text-slate-700">Events and visitors over time</h2>
          <TimeChart data={series} bar="events" line="visitors" labels={['Events', 'Visitors']} />
        </section>
        <RankedList title={`By ${dimension}`} unit="events" rows={groups} />
      </div>
      <section className={card}>
        <h2 className="mb-3 text-sm font-medium text-slate-700" data-testid="events-total">
          {events ? `${events.total.toLocaleString()} events` : 'Searching…'}
        </h2>
        <EventTable
          events={events?.events}
          onVisitor={(visitor) => setFilters([{ field: 'visitor', op: 'eq', value: visitor }])}
        />
      </section>
    </Shell>
  );
}
