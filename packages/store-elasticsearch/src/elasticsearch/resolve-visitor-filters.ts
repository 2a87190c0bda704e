import type { Client } from '@elastic/elasticsearch';
import { selectsVisitors, type EventFilter, type EventQuery } from '@sightline/ports';
import { buildQuery, type ResolvedFilter } from './query.js';

/**
 * The most visitors a `reached` filter may select: Elasticsearch's default limit on the terms of
 * one query (`index.max_terms_count`).
 */
export const MAX_REACHED_VISITORS = 65_536;
const PAGE = 10_000;

/** The visitors of the query's site, range and bots rule with an event matching `events`. */
async function visitorsWho(
  client: Client,
  index: string,
  query: EventQuery,
  events: EventFilter[],
): Promise<string[]> {
  const visitors: string[] = [];
  let after: Record<string, unknown> | undefined;
  for (;;) {
    const response = await client.search({
      index,
      ignore_unavailable: true,
      allow_no_indices: true,
      size: 0,
      query: buildQuery({ ...query, filters: events }),
      aggs: {
        visitors: {
          composite: {
            size: PAGE,
            sources: [{ visitor: { terms: { field: 'visitor' } } }],
            ...(after ? { after } : {}),
          },
        },
      },
    });
    const page = response.aggregations?.visitors as
      { buckets: { key: { visitor: string } }[]; after_key?: Record<string, unknown> } | undefined;
    for (const bucket of page?.buckets ?? []) visitors.push(bucket.key.visitor);
    if (visitors.length > MAX_REACHED_VISITORS)
      throw new Error(
        `too many visitors: a goal filter selects at most ${MAX_REACHED_VISITORS.toLocaleString('en')} visitors here; narrow the range`,
      );
    if (!page?.after_key || (page.buckets.length ?? 0) < PAGE) return visitors;
    after = page.after_key;
  }
}

/**
 * Elasticsearch has no joins: a filter on the visitors who reached something is answered by
 * reading those visitors first (one aggregation) and selecting their events by id.
 */
export async function resolveVisitorFilters<Q extends EventQuery>(
  client: Client,
  index: string,
  query: Q,
): Promise<Q> {
  const filters = query.filters ?? [];
  if (!filters.some(selectsVisitors)) return query;
  const resolved = await Promise.all(
    filters.map(async (filter): Promise<ResolvedFilter> => {
      if (!selectsVisitors(filter)) return filter;
      if (filter.field !== 'visitor')
        throw new Error(`cannot select visitors by "${filter.field}"`);
      return {
        ...filter,
        visitors: await visitorsWho(client, index, query, filter.events ?? []),
      };
    }),
  );
  return { ...query, filters: resolved };
}
