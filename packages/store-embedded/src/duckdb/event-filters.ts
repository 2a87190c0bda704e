import { pathRegExp } from '@sightline/contract';
import { LIST_FIELDS, resolveField, type EventFilter, type EventQuery } from '@sightline/ports';
import type { SqlValue } from './database.js';
import { EVENT_COLUMNS, jsonPath } from './event-columns.js';

/** A piece of SQL with its positional parameters, in order. */
export interface Sql {
  text: string;
  values: SqlValue[];
}

/**
 * The SQL expression of a contract field over the stored document: a string (or NULL), or for a
 * sub-field of a list (`items.id`) a list of strings.
 */
export function fieldExpression(field: string): { sql: string; list: boolean } {
  const { head, sub } = resolveField(field);
  const column = EVENT_COLUMNS[field];
  if (column !== undefined) return { sql: column, list: false };
  if (sub !== undefined && LIST_FIELDS.has(head))
    return { sql: `json_extract_string(doc, '$."${head}"[*]."${sub}"')`, list: true };
  return {
    sql: `json_extract_string(doc, ${jsonPath(sub === undefined ? head : `${head}.${sub}`)})`,
    list: false,
  };
}

/**
 * The visitors who reached `filter.events` within the query's site, range and bots rule, as a
 * subquery on the same table (DuckDB runs it once, as a semi join).
 */
export function visitorsWho(filter: EventFilter, query: EventQuery): Sql {
  if (filter.field !== 'visitor') throw new Error(`cannot select visitors by "${filter.field}"`);
  const reached = whereClause({ ...query, filters: filter.events ?? [] });
  return {
    text: `visitor ${filter.op === 'reached' ? 'IN' : 'NOT IN'} (SELECT visitor FROM events WHERE ${reached.text})`,
    values: reached.values,
  };
}

function condition(filter: EventFilter, query: EventQuery): Sql {
  if (filter.op === 'reached' || filter.op === 'notReached') return visitorsWho(filter, query);
  const { sql, list } = fieldExpression(filter.field);
  const value = filter.value === undefined ? '' : String(filter.value);
  if (list) {
    switch (filter.op) {
      case 'eq':
        return { text: `coalesce(list_contains(${sql}, ?), false)`, values: [value] };
      case 'neq':
        return { text: `NOT coalesce(list_contains(${sql}, ?), false)`, values: [value] };
      case 'prefix':
        return {
          text: `EXISTS (SELECT 1 FROM unnest(${sql}) AS item(v) WHERE starts_with(item.v, ?))`,
          values: [value],
        };
      case 'exists':
        return { text: `coalesce(len(${sql}), 0) > 0`, values: [] };
      case 'match':
        return {
          text: `EXISTS (SELECT 1 FROM unnest(${sql}) AS item(v) WHERE regexp_full_match(item.v, ?))`,
          values: [pathRegExp(value).source],
        };
    }
  }
  switch (filter.op) {
    case 'eq':
      return { text: `${sql} = ?`, values: [value] };
    case 'neq':
      // As on Elasticsearch: events without the field are "not equal" too.
      return { text: `${sql} IS DISTINCT FROM ?`, values: [value] };
    case 'prefix':
      return { text: `coalesce(starts_with(${sql}, ?), false)`, values: [value] };
    case 'exists':
      return { text: `${sql} IS NOT NULL`, values: [] };
    case 'match':
      return {
        text: `coalesce(regexp_full_match(${sql}, ?), false)`,
        values: [pathRegExp(value).source],
      };
  }
}

/** The WHERE clause selecting a site's events in a time range with the given filters. */
export function whereClause(query: EventQuery): Sql {
  const parts: Sql[] = [
    { text: 'site = ?', values: [query.site] },
    { text: 'ts >= ? AND ts < ?', values: [query.range.from, query.range.to] },
  ];
  if (!query.includeBots) parts.push({ text: 'NOT bot', values: [] });
  for (const filter of query.filters ?? []) parts.push(condition(filter, query));
  return allOf(parts);
}

/**
 * An event of the query matching every one of the filters, as one condition (true when there are
 * none).
 */
export const filtersCondition = (filters: EventFilter[], query: EventQuery): Sql =>
  allOf(filters.map((filter) => condition(filter, query)));

function allOf(parts: Sql[]): Sql {
  if (parts.length === 0) return { text: 'true', values: [] };
  return {
    text: parts.map((part) => `(${part.text})`).join(' AND '),
    values: parts.flatMap((part) => part.values),
  };
}
