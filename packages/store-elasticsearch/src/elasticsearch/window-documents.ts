import { WINDOW_COUNT_MAPS, type WindowAggregate, type WindowMetrics } from '@sightline/contract';

type Counts = { key: string; count: number }[];

/** The metrics counted by key (revenue apart, an amount): key/count pairs, summed per key. */
type Counted = Exclude<(typeof WINDOW_COUNT_MAPS)[number], 'revenue'>;
const COUNTED = WINDOW_COUNT_MAPS.filter((map): map is Counted => map !== 'revenue');

const pairs = (record: Record<string, number>): Counts =>
  Object.entries(record).map(([key, count]) => ({ key, count }));
const record = (counts: Counts | undefined): Record<string, number> =>
  Object.fromEntries((counts ?? []).map(({ key, count }) => [key, count]));
const mapCounted = <A, B>(from: Record<Counted, A>, map: (value: A) => B) =>
  Object.fromEntries(COUNTED.map((field) => [field, map(from[field])])) as Record<Counted, B>;

export interface WindowDocument extends Omit<WindowAggregate, 'metrics'> {
  metrics: Omit<WindowMetrics, Counted | 'revenue'> &
    Record<Counted, Counts> & { revenue: { key: string; amount: number }[] };
}

export function toWindowDocument(window: WindowAggregate): WindowDocument {
  const m = window.metrics;
  return {
    ...window,
    metrics: {
      ...m,
      ...mapCounted(m, pairs),
      revenue: Object.entries(m.revenue).map(([key, amount]) => ({ key, amount })),
    },
  };
}

export function fromWindowDocument(document: WindowDocument): WindowAggregate {
  const m = document.metrics;
  return {
    ...document,
    metrics: {
      ...m,
      ...mapCounted(m, record),
      revenue: Object.fromEntries((m.revenue ?? []).map(({ key, amount }) => [key, amount])),
    },
  };
}
