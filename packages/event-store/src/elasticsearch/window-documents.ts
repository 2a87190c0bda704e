import type { WindowAggregate, WindowMetrics } from '@sightline/contract';

type Counts = { key: string; count: number }[];

/** Key/count pairs of a record, and back: Elasticsearch sums them per key as nested documents. */
const pairs = (record: Record<string, number>): Counts =>
  Object.entries(record).map(([key, count]) => ({ key, count }));
const record = (counts: Counts | undefined): Record<string, number> =>
  Object.fromEntries((counts ?? []).map(({ key, count }) => [key, count]));

export interface WindowDocument extends Omit<WindowAggregate, 'metrics'> {
  metrics: Omit<
    WindowMetrics,
    'types' | 'revenue' | 'channels' | 'devices' | 'browsers' | 'countries'
  > & {
    types: Counts;
    revenue: { key: string; amount: number }[];
    channels: Counts;
    devices: Counts;
    browsers: Counts;
    countries: Counts;
  };
}

export function toWindowDocument(window: WindowAggregate): WindowDocument {
  const m = window.metrics;
  return {
    ...window,
    metrics: {
      ...m,
      types: pairs(m.types),
      revenue: Object.entries(m.revenue).map(([key, amount]) => ({ key, amount })),
      channels: pairs(m.channels),
      devices: pairs(m.devices),
      browsers: pairs(m.browsers),
      countries: pairs(m.countries),
    },
  };
}

export function fromWindowDocument(document: WindowDocument): WindowAggregate {
  const m = document.metrics;
  return {
    ...document,
    metrics: {
      ...m,
      types: record(m.types),
      revenue: Object.fromEntries((m.revenue ?? []).map(({ key, amount }) => [key, amount])),
      channels: record(m.channels),
      devices: record(m.devices),
      browsers: record(m.browsers),
      countries: record(m.countries),
    },
  };
}
