import type { EventFilter, EventQuery, EventStore, SeriesPoint } from '@sightline/ports';

/**
 * The series fields a filtered view can count from raw events exactly: page views, events,
 * visitors and events of one type. The windows hold sums over every event, so they cannot be
 * filtered; fields that need more than a count (scroll depth, orders, revenue) are left out.
 */
export const filterableField = (field: string): boolean =>
  field === 'pageviews' || field === 'events' || field === 'visitors' || /^type_\w+$/.test(field);

const typeOf = (field: string) => (field === 'pageviews' ? 'pageview' : field.slice(5));

/**
 * A series of filtered raw events per step: `events` and `visitors` (distinct per step) over all
 * types, and each type field counted with the filters plus its type.
 */
export async function seriesFromEvents(
  events: Pick<EventStore, 'timeseries'>,
  query: EventQuery & { stepMs: number; filters: EventFilter[] },
  fields: string[],
): Promise<SeriesPoint[]> {
  const typed = fields.filter((field) => field !== 'events' && field !== 'visitors');
  const [all, ...perType] = await Promise.all([
    events.timeseries(query),
    ...typed.map((field) =>
      events.timeseries({
        ...query,
        filters: [...query.filters, { field: 'type', op: 'eq', value: typeOf(field) }],
      }),
    ),
  ]);
  const points = new Map<number, Record<string, number>>();
  const at = (time: number) => {
    let values = points.get(time);
    if (!values) points.set(time, (values = {}));
    return values;
  };
  for (const bucket of all) {
    if (bucket.events === 0) continue;
    const values = at(bucket.time);
    if (fields.includes('events')) values.events = bucket.events;
    if (fields.includes('visitors')) values.visitors = bucket.visitors;
  }
  typed.forEach((field, i) => {
    for (const bucket of perType[i]!) if (bucket.events > 0) at(bucket.time)[field] = bucket.events;
  });
  return [...points]
    .sort((a, b) => a[0] - b[0])
    .map(([time, values]) => ({
      time,
      values: Object.fromEntries(fields.filter(filterableField).map((f) => [f, values[f] ?? 0])),
    }));
}
