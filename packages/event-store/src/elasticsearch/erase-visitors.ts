import type { Client } from '@elastic/elasticsearch';

/** Visitors per query: a terms query of this many ids stays far below the limits. */
const VISITORS_PER_QUERY = 1_000;
/** Documents found and deleted per round. */
const PAGE = 1_000;

/**
 * Deletes the documents of these visitors of a site from `index` (a name or a pattern) and
 * refreshes it, so no query sees them afterwards; returns how many were deleted. Found a page at
 * a time and deleted by id in bulk (no `_delete_by_query`: it needs the reindex module, which a
 * minimal Elasticsearch may lack); each round's refresh hides what it deleted from the next.
 */
export async function eraseVisitors(
  client: Client,
  index: string,
  site: string,
  visitors: string[],
): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < visitors.length; i += VISITORS_PER_QUERY) {
    const query = {
      bool: {
        filter: [
          { term: { site } },
          { terms: { visitor: visitors.slice(i, i + VISITORS_PER_QUERY) } },
        ],
      },
    };
    for (;;) {
      const found = await client.search({
        index,
        ignore_unavailable: true,
        allow_no_indices: true,
        query,
        _source: false,
        size: PAGE,
      });
      const hits = found.hits.hits;
      if (hits.length === 0) break;
      const response = await client.bulk({
        refresh: true,
        filter_path: ['items.*.status'],
        operations: hits.map((hit) => ({ delete: { _index: hit._index, _id: hit._id! } })),
      });
      const statuses = ((response.items ?? []) as { delete?: { status: number } }[]).map(
        (item) => item.delete?.status,
      );
      // 404: another process deleted it meanwhile (a processor forgetting the same visitor).
      const refused = statuses.filter((status) => status !== 200 && status !== 404);
      if (refused.length > 0)
        throw new Error(`Elasticsearch refused to delete ${refused.length} documents`);
      deleted += statuses.filter((status) => status === 200).length;
    }
  }
  return deleted;
}
