'use client';
import type { CollectedEvent } from '@sightline/contract';
import { useParams, usePathname, useRouter, useSearchParams } from 'next/navigation';
import { Fragment, useCallback, useEffect, useState } from 'react';
import { api, errorText } from '@/app/ui/api';
import { describeEvent } from '@/app/ui/event-text';
import { TimeChart } from '@/app/ui/charts';
import { RankedList } from '@/app/ui/ranked-list';
import { button, card, input, Shell } from '@/app/ui/shell';
import { SpanSelect } from '@/app/ui/span-select';

interface Filter {
  field: string;
  op: 'eq' | 'neq' | 'prefix' | 'match' | 'exists';
  value: string;
}

const OPS = new Set(['eq', 'neq', 'prefix', 'match', 'exists']);
const filterText = (f: Filter) =>
  f.op === 'exists' ? `${f.field}:exists` : `${f.field}:${f.op}:${f.value}`;
/** The filters of the URL's `filter` parameters (as the API writes them). */
const parseFilters = (texts: string[]): Filter[] =>
  texts.flatMap((text) => {
    const [field = '', op = '', ...rest] = text.split(':');
    return field && OPS.has(op) ? [{ field, op: op as Filter['op'], value: rest.join(':') }] : [];
  });

/** Every field of an event, one per row, objects one level in (`utm.source`). */
const fieldsOf = (event: CollectedEvent): [string, string][] =>
  Object.entries(event).flatMap(([key, value]): [string, string][] =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value as Record<string, unknown>).map(([sub, v]) => [
          `${key}.${sub}`,
          typeof v === 'string' ? v : JSON.stringify(v),
        ])
      : [[key, typeof value === 'string' ? value : JSON.stringify(value)]],
  );

const RANGES: [string, number][] = [
  ['Last hour', 3_600_000],
  ['Last 24 hours', 86_400_000],
  ['Last 7 days', 7 * 86_400_000],
  ['Last 30 days', 30 * 86_400_000],
];

/** Search raw events, filter on any field, group by any dimension; a visitor's timeline. */
export default function Explore() {
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
  const [opened, setOpened] = useState<string>();
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
  const set = (i: number, change: Partial<Filter>) =>
    setFilters((all) => all.map((f, j) => (j === i ? { ...f, ...change } : f)));
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
        {filters.map((f, i) => (
          <div key={i} className="flex gap-2" data-testid="filter">
            <input
              className={`${input} font-mono`}
              value={f.field}
              onChange={(e) => set(i, { field: e.target.value })}
              aria-label="Field"
            />
            <select
              className={input}
              value={f.op}
              onChange={(e) => set(i, { op: e.target.value as Filter['op'] })}
              aria-label="Operator"
            >
              <option value="eq">is</option>
              <option value="neq">is not</option>
              <option value="prefix">starts with</option>
              <option value="match">matches (* and **)</option>
              <option value="exists">exists</option>
            </select>
            <input
              className={input}
              value={f.value}
              onChange={(e) => set(i, { value: e.target.value })}
              aria-label="Value"
              disabled={f.op === 'exists'}
            />
            <button
              type="button"
              className="px-2 text-sm text-red-700"
              onClick={() => setFilters((all) => all.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </div>
        ))}
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
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
        <table className="w-full table-fixed text-left text-sm">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="w-44 py-1">Time</th>
              <th className="w-28">Type</th>
              <th>What</th>
              <th className="w-48">Page</th>
              <th className="w-48">Visitor</th>
            </tr>
          </thead>
          <tbody data-testid="events">
            {events?.events.map((e) => (
              <Fragment key={e.id}>
                <tr className="border-t border-slate-100" data-testid="event-row">
                  <td className="py-1 tabular-nums">
                    <button
                      type="button"
                      className="text-indigo-700 hover:underline"
                      aria-expanded={opened === e.id}
                      title="Show every field of this event"
                      onClick={() => setOpened(opened === e.id ? undefined : e.id)}
                    >
                      {new Date(e.ts).toLocaleString()}
                    </button>
                  </td>
                  <td>{e.type}</td>
                  <td className="truncate" title={describeEvent(e)}>
                    {describeEvent(e)}
                  </td>
                  <td className="truncate" title={e.url}>
                    {e.path} <span className="text-slate-400">{e.title}</span>
                  </td>
                  <td className="truncate">
                    <button
                      type="button"
                      className="font-mono text-xs text-indigo-700 hover:underline"
                      onClick={() => setFilters([{ field: 'visitor', op: 'eq', value: e.visitor }])}
                      title="Show this visitor's timeline"
                    >
                      {e.visitor}
                    </button>
                  </td>
                </tr>
                {opened === e.id && (
                  <tr>
                    <td colSpan={5} className="bg-slate-50 px-3 py-2">
                      <dl
                        className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 text-xs"
                        data-testid="event-details"
                      >
                        {fieldsOf(e).map(([field, value]) => (
                          <Fragment key={field}>
                            <dt className="font-mono text-slate-500">{field}</dt>
                            <dd className="break-all font-mono">{value}</dd>
                          </Fragment>
                        ))}
                      </dl>
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </section>
    </Shell>
  );
}
