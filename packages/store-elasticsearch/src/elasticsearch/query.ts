import { resolveField, type EventFilter, type EventQuery } from '@sightline/ports';
import { EVENT_PROPERTIES, TEXT_FIELDS } from './mapping.js';

/** Documents whose epoch-millisecond `field` lies in [from, to) (from on, without `to`). */
export const epochRange = (field: string, from: number, to?: number) => ({
  range: {
    [field]: { gte: from, ...(to === undefined ? {} : { lt: to }), format: 'epoch_millis' },
  },
});

/**
 * The Elasticsearch field behind a contract field name, for exact matching and grouping.
 * Throws on names the contract does not have, so a query can never reach arbitrary fields.
 */
export function exactField(field: string): string {
  const { head, sub } = resolveField(field);
  if (sub !== undefined) return `${head}.${sub}`;
  if (!Object.hasOwn(EVENT_PROPERTIES, head)) throw new Error(`unknown field "${field}"`);
  return TEXT_FIELDS.has(head) ? `${head}.raw` : head;
}

type Clause = Record<string, unknown>;

/** Characters Lucene's regular expressions give a meaning (all its optional operators on). */
const LUCENE_SPECIAL = /[.?+*|{}[\]()"\\#@&<>~^$]/g;

/**
 * A path pattern (`*` within a segment, `**` across) as a Lucene regular expression, which
 * matches the whole term: the contract's pathRegExp in Lucene's syntax.
 */
export const luceneRegExp = (pattern: string) =>
  pattern
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((literal) => literal.replace(LUCENE_SPECIAL, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');

/** A filter on the visitors who reached something, with those visitors read beforehand. */
export type ResolvedFilter = EventFilter & { visitors?: string[] };

function filterClause(filter: ResolvedFilter): { clause: Clause; negate: boolean } {
  if (filter.op === 'reached' || filter.op === 'notReached') {
    if (filter.visitors === undefined)
      throw new Error('a filter on visitors must be resolved first (resolveVisitorFilters)');
    return { clause: { terms: { visitor: filter.visitors } }, negate: filter.op === 'notReached' };
  }
  const field = exactField(filter.field);
  switch (filter.op) {
    case 'eq':
      return { clause: { term: { [field]: filter.value } }, negate: false };
    case 'neq':
      return { clause: { term: { [field]: filter.value } }, negate: true };
    case 'prefix':
      return { clause: { prefix: { [field]: String(filter.value ?? '') } }, negate: false };
    case 'exists':
      return { clause: { exists: { field } }, negate: false };
    case 'match':
      return {
        clause: { regexp: { [field]: { value: luceneRegExp(String(filter.value ?? '')) } } },
        negate: false,
      };
  }
}

/** The bool query selecting a site's events in a time range with the given filters. */
export function buildQuery(query: EventQuery): Clause {
  const filter: Clause[] = [
    { term: { site: query.site } },
    epochRange('ts', query.range.from, query.range.to),
  ];
  const mustNot: Clause[] = [];
  if (!query.includeBots) mustNot.push({ term: { bot: true } });
  return boolOf(query.filters ?? [], filter, mustNot);
}

/** The bool query of documents matching every one of the filters (all of them when none). */
export const filtersQuery = (filters: EventFilter[]): Clause => boolOf(filters, [], []);

function boolOf(filters: EventFilter[], filter: Clause[], mustNot: Clause[]): Clause {
  for (const condition of filters) {
    const { clause, negate } = filterClause(condition);
    (negate ? mustNot : filter).push(clause);
  }
  return { bool: { filter, ...(mustNot.length > 0 ? { must_not: mustNot } : {}) } };
}

/** Distinct-visitor counts are exact up to this many per bucket, approximate (±~1%) beyond. */
export const VISITORS_PRECISION = 3_000;
