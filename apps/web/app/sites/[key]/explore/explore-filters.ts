/** One condition of an Explore search, as the API's `filter` parameter carries it. */
export interface Filter {
  field: string;
  op: 'eq' | 'neq' | 'prefix' | 'match' | 'exists';
  value: string;
}

const OPS = new Set(['eq', 'neq', 'prefix', 'match', 'exists']);

/** A filter as the API (and the page's URL) writes it: `field:op:value`. */
export const filterText = (f: Filter) =>
  f.op === 'exists' ? `${f.field}:exists` : `${f.field}:${f.op}:${f.value}`;

/** The filters of the URL's `filter` parameters (as the API writes them). */
export const parseFilters = (texts: string[]): Filter[] =>
  texts.flatMap((text) => {
    const [field = '', op = '', ...rest] = text.split(':');
    return field && OPS.has(op) ? [{ field, op: op as Filter['op'], value: rest.join(':') }] : [];
  });
