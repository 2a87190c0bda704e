/**
 * The dashboard's filters: conditions on one field each, combined with AND, kept in the URL as
 * the API writes them (`field:eq:value`, `field:neq:value`), so a filtered view can be shared.
 */
export interface Filter {
  field: string;
  op: 'eq' | 'neq';
  value: string;
}

const LABELS: Record<string, string> = {
  path: 'Page',
  referrerHost: 'Referrer',
  channel: 'Channel',
  'utm.source': 'UTM source',
  'utm.campaign': 'UTM campaign',
  device: 'Device',
  browser: 'Browser',
  os: 'Operating system',
  country: 'Country',
  type: 'Event type',
  goal: 'Goal',
};

/** What a filter's field is called on the dashboard. */
export const fieldLabel = (field: string) => LABELS[field] ?? field;

/** A filter as the API and the URL write it. */
export const filterText = (filter: Filter) => `${filter.field}:${filter.op}:${filter.value}`;

/** The filters of a URL's `filter` parameters; those not written as the dashboard writes them are left out. */
export function parseFilters(texts: string[]): Filter[] {
  const filters: Filter[] = [];
  for (const text of texts) {
    const [field = '', op = '', ...rest] = text.split(':');
    if (!field || (op !== 'eq' && op !== 'neq')) continue;
    filters.push({ field, op, value: rest.join(':') });
  }
  return filters;
}

/** The filters with `filter` added: one per field, so a new one on a field replaces the old. */
export const withFilter = (filters: Filter[], filter: Filter): Filter[] => [
  ...filters.filter((f) => f.field !== filter.field),
  filter,
];

/** `filters` as repeated `filter` query parameters, each starting with `&`. */
export const filterQuery = (filters: Filter[], extra: string[] = []) =>
  [...filters.map(filterText), ...extra].map((f) => `&filter=${encodeURIComponent(f)}`).join('');

/** The period compared with the one shown: the one just before, or the same a year earlier. */
export type Comparison = 'previous' | 'year';

export const YEAR_MS = 365 * 86_400_000;

/** The range `range` is compared with. */
export const comparedRange = (range: { from: number; to: number }, comparison: Comparison) =>
  comparison === 'year'
    ? { from: range.from - YEAR_MS, to: range.to - YEAR_MS }
    : { from: 2 * range.from - range.to, to: range.from };
