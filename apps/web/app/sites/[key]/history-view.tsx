'use client';
import { useEffect, useMemo, useState } from 'react';
import { api, ApiError, errorText } from '@/app/ui/api';
import { TimeChart } from '@/app/ui/charts';
import { ErrorLine } from '@/app/ui/error-line';
import { countryName, RankedList } from '@/app/ui/ranked-list';
import { comparedRange, filterQuery, type Comparison, type Filter } from '@/app/ui/filters';
import { Stat } from '@/app/ui/stat';
import { FunnelPanel } from './funnel-panel';
import { GoalPanel } from './goal-panel';
import { MetricStats, type Figures, type VisitFigures } from './metric-stats';

const FIELDS = [
  'pageviews',
  'visitors',
  'events',
  'scrolledPageviews',
  'scrollDepthSum',
  'type_click',
  'type_form_submit',
  'type_media_play',
  'type_download',
  'type_outbound',
  'type_js_error',
  'purchases',
  'revenue_EUR',
  'revenue_USD',
  'revenue_GBP',
];
/**
 * Every list counts page views, ranked by them, as the live view's lists do: one definition in
 * both views. Referrers leave out the site's own pages (the live view calls them internal).
 */
const DIMENSIONS: [title: string, dimension: string, filters: string[]][] = [
  ['Top pages', 'path', []],
  ['Referrers', 'referrerHost', ['channel:neq:internal']],
  ['Channels', 'channel', []],
  ['UTM sources', 'utm.source', []],
  ['UTM campaigns', 'utm.campaign', []],
  ['Devices', 'device', []],
  ['Browsers', 'browser', []],
  ['Operating systems', 'os', []],
  ['Countries', 'country', []],
];

/** Lists of visits (kept whole, so no event filter applies to them). */
const VISIT_DIMENSIONS: [title: string, dimension: string][] = [
  ['Entry pages', 'entryPath'],
  ['Exit pages', 'exitPath'],
];

/** Buckets that fit the range: minutes for an hour, hours for a day or two, days beyond. */
const stepFor = (length: number) =>
  length <= 3 * 3_600_000 ? 60_000 : length <= 2 * 86_400_000 ? 3_600_000 : 86_400_000;

/** Every bucket of the range, empty ones at zero, so the axis spans the whole range. */
const filled = (series: Series | undefined, from: number, to: number) => {
  if (!series) return [];
  const step = series.stepMs;
  const byTime = new Map(series.points.map((p) => [p.time, p.values]));
  const points = [];
  for (let t = Math.floor(from / step) * step; t < to; t += step) {
    const values = byTime.get(t) ?? {};
    points.push({ time: t, pageviews: values.pageviews ?? 0, visitors: values.visitors ?? 0 });
  }
  return points;
};

interface Series {
  stepMs: number;
  points: { time: number; values: Record<string, number> }[];
  /** Fields a filtered series cannot count exactly (see the API's series). */
  omitted?: string[];
}

const sumOf = (series: Series | undefined) => {
  const sum: Record<string, number> = {};
  for (const p of series?.points ?? [])
    for (const [k, v] of Object.entries(p.values)) sum[k] = (sum[k] ?? 0) + v;
  return sum;
};
const figures = (s: Record<string, number>): Figures => ({
  scrolledPageviews: s.scrolledPageviews ?? 0,
  scrollDepthSum: s.scrollDepthSum ?? 0,
  types: Object.fromEntries(
    Object.entries(s)
      .filter(([k]) => k.startsWith('type_'))
      .map(([k, v]) => [k.slice(5), v]),
  ),
  purchases: s.purchases ?? 0,
  revenue: Object.fromEntries(
    Object.entries(s)
      .filter(([k, v]) => k.startsWith('revenue_') && v > 0)
      .map(([k, v]) => [k.slice(8), v]),
  ),
});

/** What the dashboard shows of a range, and how. */
export interface ViewProps {
  site: string;
  filters: Filter[];
  comparison: Comparison;
  /** Filters the dashboard on a row's value. */
  onPick: (field: string, value: string) => void;
}

/**
 * A past range from the stores, compared with an earlier one, with the dashboard's filters
 * applied to every figure. `stepMs` sets the chart's buckets (by default they fit the range).
 */
export function HistoryView({
  site,
  from,
  to,
  filters,
  comparison,
  onPick,
  stepMs,
}: ViewProps & { from: number; to: number; stepMs?: number }) {
  const [current, setCurrent] = useState<Series>();
  const [previous, setPrevious] = useState<Series>();
  const [tops, setTops] = useState<Record<string, { key: string; count: number }[]>>({});
  const [uniques, setUniques] = useState<[number, number]>();
  const [visits, setVisits] = useState<[VisitFigures, VisitFigures]>();
  /** The filters do not select visits (a page, an event type…). */
  const [visitsUnavailable, setVisitsUnavailable] = useState(false);
  const [visitTops, setVisitTops] = useState<Record<string, { key: string; count: number }[]>>({});
  const [error, setError] = useState<string>();
  const where = filterQuery(filters);
  const filtered = filters.length > 0;
  useEffect(() => {
    const base = `/api/sites/${encodeURIComponent(site)}`;
    const before = comparedRange({ from, to }, comparison);
    const step = stepMs ?? stepFor(to - from);
    const series = (a: number, b: number) =>
      api<Series>(
        `${base}/series?from=${a}&to=${b}&step=${step}&fields=${FIELDS.join(',')}${where}`,
      );
    Promise.all([series(from, to), series(before.from, before.to)]).then(
      ([now, earlier]) => {
        setCurrent(now);
        setPrevious(earlier);
      },
      (e: unknown) => setError(errorText(e)),
    );
    // Unique visitors over the whole range (the windows only know them per 10 seconds): the
    // site's one bucket of its events, with its distinct visitors.
    const unique = (a: number, b: number) =>
      api<{ buckets: { visitors: number }[] }>(
        `${base}/top?from=${a}&to=${b}&dimension=site&limit=1${where}`,
      ).then(({ buckets }) => buckets[0]?.visitors ?? 0);
    Promise.all([unique(from, to), unique(before.from, before.to)]).then(setUniques, (e: unknown) =>
      setError(errorText(e)),
    );
    // Visits are kept whole: filters on where a visit came from, the device or the country select
    // visits; the API refuses others (a page, an event type), and the figures say so.
    const unavailable = (e: unknown) => {
      if (e instanceof ApiError && e.status === 400) setVisitsUnavailable(true);
      else setError(errorText(e));
    };
    setVisitsUnavailable(false);
    const visitStats = (a: number, b: number) =>
      api<VisitFigures>(`${base}/visit-stats?from=${a}&to=${b}${where}`);
    Promise.all([visitStats(from, to), visitStats(before.from, before.to)]).then(
      setVisits,
      unavailable,
    );
    for (const [title, dimension] of VISIT_DIMENSIONS)
      api<{ buckets: { key: string; visits: number }[] }>(
        `${base}/visits/top?from=${from}&to=${to}&dimension=${dimension}&limit=10${where}`,
      ).then(
        ({ buckets }) =>
          setVisitTops((t) => ({
            ...t,
            [title]: buckets.map((b) => ({ key: b.key, count: b.visits })),
          })),
        unavailable,
      );
    for (const [title, dimension, extra] of DIMENSIONS) {
      api<{ buckets: { key: string; events: number }[] }>(
        `${base}/top?from=${from}&to=${to}&dimension=${dimension}&limit=10${filterQuery(filters, ['type:eq:pageview', ...extra])}`,
      ).then(
        ({ buckets }) =>
          setTops((t) => ({
            ...t,
            [title]: buckets.map((b) => ({ key: b.key, count: b.events })),
          })),
        (e: unknown) => setError(errorText(e)),
      );
    }
  }, [site, from, to, where, filters, comparison, stepMs]);
  const now = useMemo(() => sumOf(current), [current]);
  const before = useMemo(() => sumOf(previous), [previous]);
  const points = useMemo(() => filled(current, from, to), [current, from, to]);
  const comparedWith = comparison === 'year' ? 'the same period a year before' : 'previous period';
  return (
    <div className="space-y-6">
      <ErrorLine error={error} flush />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3">
        <Stat
          label="Page views"
          value={(now.pageviews ?? 0).toLocaleString()}
          testId="history-pageviews"
          current={now.pageviews ?? 0}
          previous={before.pageviews ?? 0}
          comparedWith={comparedWith}
        />
        <Stat
          label="Unique visitors"
          value={uniques ? uniques[0].toLocaleString() : '…'}
          testId="history-visitors"
          current={uniques?.[0] ?? 0}
          previous={uniques?.[1] ?? 0}
          comparedWith={comparedWith}
        />
        <Stat
          label="Events"
          value={(now.events ?? 0).toLocaleString()}
          current={now.events ?? 0}
          previous={before.events ?? 0}
          comparedWith={comparedWith}
        />
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="mb-2 text-sm font-medium text-slate-700">Page views and visitors</h2>
        <TimeChart
          data={points}
          bar="pageviews"
          line="visitors"
          labels={['Page views', 'Visitors']}
          stepMs={current?.stepMs}
        />
      </section>
      <MetricStats
        metrics={figures(now)}
        previous={figures(before)}
        comparedWith={comparedWith}
        {...(visits && !visitsUnavailable ? { visits: visits[0], previousVisits: visits[1] } : {})}
        {...(filtered ? { unfiltered: current?.omitted ?? [] } : {})}
        visitsUnavailable={visitsUnavailable}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <GoalPanel
          site={site}
          from={from}
          to={to}
          filters={filters}
          onPick={(id) => onPick('goal', id)}
        />
        <FunnelPanel site={site} from={from} to={to} filters={filters} />
      </div>
      <div className="grid gap-4 md:grid-cols-3">
        {DIMENSIONS.map(([title, dimension]) => (
          <RankedList
            key={title}
            title={title}
            unit="page views"
            rows={tops[title] ?? []}
            label={title === 'Countries' ? countryName : undefined}
            onPick={(value) => onPick(dimension, value)}
          />
        ))}
        {VISIT_DIMENSIONS.map(([title]) => (
          <RankedList
            key={title}
            title={title}
            unit="visits"
            rows={visitTops[title] ?? []}
            {...(visitsUnavailable ? { note: 'Not available with these filters' } : {})}
          />
        ))}
      </div>
    </div>
  );
}
