import type { EventFilter, EventQuery } from '../port.js';
import { EVENT_PROPERTIES, TEXT_FIELDS } from './mapping.js';

/** Objects whose sub-fields can be filtered and grouped: `utm.source`, `props.plan`, `items.id`. */
const OBJECT_FIELDS = new Set(['utm', 'props', 'traits', 'items']);
const SAFE_SUB_FIELD = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The Elasticsearch field behind a contract field name, for exact matching and grouping.
 * Throws on names the contract does not have, so a query can never reach arbitrary fields.
 */
export function exactField(field: string): string {
  const [head, ...rest] = field.split('.');
  if (head === undefined || !Object.hasOwn(EVENT_PROPERTIES, head))
    throw new Error(`unknown field "${field}"`);
  if (rest.length === 0) return TEXT_FIELDS.has(head) ? `${head}.raw` : head;
  if (!OBJECT_FIELDS.has(head) || rest.length !== 1 || !SAFE_SUB_FIELD.test(rest[0]!)) {
    throw new Error(`unknown field "${field}"`);
  }
  return `${head}.${rest[0]}`;
}

type Clause = Record<string, unknown>;

function filterClause(filter: EventFilter): { clause: Clause; negate: boolean } {
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
  }
}

/** The bool query selecting a site's events in a time range with the given filters. */
export function buildQuery(query: EventQuery): Clause {
  const filter: Clause[] = [
    { term: { site: query.site } },
    { range: { ts: { gte: query.range.from, lt: query.range.to, format: 'epoch_millis' } } },
  ];
  const mustNot: Clause[] = [];
  if (!query.includeBots) mustNot.push({ term: { bot: true } });
  for (const condition of query.filters ?? []) {
    const { clause, negate } = filterClause(condition);
    (negate ? mustNot : filter).push(clause);
  }
  return { bool: { filter, ...(mustNot.length > 0 ? { must_not: mustNot } : {}) } };
}

/** Distinct-visitor counts are exact up to this many per bucket, approximate (±~1%) beyond. */
export const VISITORS_PRECISION = 3_000;
