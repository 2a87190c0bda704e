import type { ConversionTarget } from '@sightline/contract';
import {
  targetFilters,
  type EventFilter,
  type EventStore,
  type TimeRange,
  type MetricsStore,
} from '@sightline/ports';
import type { AdminClient } from './admin-client.js';

const DAY = 86_400_000;

/** One query the history dashboard or explore makes. */
export type DashboardQuery = { name: string; range: TimeRange } & (
  | { kind: 'series'; stepMs: number; fields: string[] }
  | { kind: 'top'; dimension: string; limit: number; filters: EventFilter[] }
  | { kind: 'timeseries'; stepMs: number }
  | { kind: 'search'; filters: EventFilter[]; limit: number; order: 'asc' | 'desc' }
  | { kind: 'goal'; target: ConversionTarget }
  | { kind: 'funnel'; steps: ConversionTarget[] }
);

/** The goal and the funnel the dashboard queries ask about (the shop's own path to a sale). */
export const BENCH_GOAL: ConversionTarget = { kind: 'event', event: 'purchase' };
export const BENCH_FUNNEL: ConversionTarget[] = [
  { kind: 'page', path: '/products/*' },
  { kind: 'event', event: 'add_to_cart' },
  { kind: 'page', path: '/checkout' },
  { kind: 'event', event: 'purchase' },
];

/** Makes the goal and the funnel of the queries in the admin app (once, before querying it). */
export async function prepareAdmin(admin: AdminClient, site: string): Promise<void> {
  const base = `/api/sites/${encodeURIComponent(site)}`;
  await admin.put(`${base}/goals/purchase`, { name: 'Purchase', ...BENCH_GOAL });
  await admin.put(`${base}/funnels/sale`, { name: 'Sale', steps: BENCH_FUNNEL });
}

/** The queries of the history dashboard and explore over the 30 days before `end` (24 h for one). */
export function dashboardQueries(end: number, visitor: string): DashboardQuery[] {
  const month = { from: end - 30 * DAY, to: end };
  const fields = ['pageviews', 'visitors', 'events', 'type_click', 'bounces', 'sessionMsSum'];
  return [
    {
      name: 'Series of windows, 24 h by 5 min (InfluxDB / DuckDB)',
      kind: 'series',
      range: { from: end - DAY, to: end },
      stepMs: 300_000,
      fields,
    },
    { name: 'Series of windows, 30 d by day', kind: 'series', range: month, stepMs: DAY, fields },
    {
      name: 'Top pages (page views), 30 d',
      kind: 'top',
      range: month,
      dimension: 'path',
      limit: 10,
      filters: [{ field: 'type', op: 'eq', value: 'pageview' }],
    },
    {
      name: 'Top countries (visitors), 30 d',
      kind: 'top',
      range: month,
      dimension: 'country',
      limit: 10,
      filters: [],
    },
    {
      name: 'Unique visitors, 30 d',
      kind: 'top',
      range: month,
      dimension: 'site',
      limit: 1,
      filters: [],
    },
    {
      name: 'Events and visitors per hour, 7 d',
      kind: 'timeseries',
      range: { from: end - 7 * DAY, to: end },
      stepMs: 3_600_000,
    },
    {
      name: 'Search: path starts with /products/, newest 50',
      kind: 'search',
      range: month,
      filters: [{ field: 'path', op: 'prefix', value: '/products/' }],
      limit: 50,
      order: 'desc',
    },
    {
      name: 'Goal: purchases with revenue and conversion rate, 30 d',
      kind: 'goal',
      range: month,
      target: BENCH_GOAL,
    },
    {
      name: 'Funnel: product → cart → checkout → purchase, 30 d',
      kind: 'funnel',
      range: month,
      steps: BENCH_FUNNEL,
    },
    {
      name: "A visitor's timeline",
      kind: 'search',
      range: month,
      filters: [{ field: 'visitor', op: 'eq', value: visitor }],
      limit: 200,
      order: 'asc',
    },
  ];
}

/** Runs a query through the store ports, as the admin app does. */
export function queryStores(
  stores: { events: EventStore; metrics: MetricsStore },
  site: string,
  query: DashboardQuery,
): Promise<unknown> {
  const base = { site, range: query.range, includeBots: false };
  switch (query.kind) {
    case 'series':
      return stores.metrics.series({ ...base, stepMs: query.stepMs, fields: query.fields });
    case 'top':
      return stores.events.topN({ ...base, ...query });
    case 'timeseries':
      return stores.events.timeseries({ ...base, filters: [], stepMs: query.stepMs });
    case 'search':
      return stores.events.search({ ...base, ...query });
    case 'goal':
      // As the admin app answers for its goals: all visitors, and the goal's visitors and revenue.
      return stores.events.conversions({ ...base, targets: [targetFilters(query.target)] });
    case 'funnel':
      return stores.events.funnel({ ...base, steps: query.steps.map(targetFilters) });
  }
}

/** Runs a query through the admin app's HTTP API (the requests its pages make). */
export function queryAdmin(admin: AdminClient, site: string, query: DashboardQuery) {
  const params = new URLSearchParams({
    from: String(query.range.from),
    to: String(query.range.to),
  });
  const filters = (list: EventFilter[]) => {
    for (const f of list)
      params.append('filter', `${f.field}:${f.op}${f.value === undefined ? '' : `:${f.value}`}`);
  };
  let path: string;
  switch (query.kind) {
    case 'series':
      params.set('step', String(query.stepMs));
      params.set('fields', query.fields.join(','));
      path = 'series';
      break;
    case 'top':
      params.set('dimension', query.dimension);
      params.set('limit', String(query.limit));
      filters(query.filters);
      path = 'top';
      break;
    case 'timeseries':
      params.set('step', String(query.stepMs));
      path = 'timeseries';
      break;
    case 'search':
      params.set('limit', String(query.limit));
      params.set('order', query.order);
      filters(query.filters);
      path = 'events';
      break;
    case 'goal':
      path = 'goals/stats';
      break;
    case 'funnel':
      path = 'funnels/sale/stats';
      break;
  }
  return admin.get<unknown>(`/api/sites/${encodeURIComponent(site)}/${path}?${params}`);
}
