import type { estypes } from '@elastic/elasticsearch';
import type { Client } from '@elastic/elasticsearch';

/**
 * Deletes every document of `index` (a name or a pattern) that matches `query`, those written a
 * moment before included, and refreshes, so no query sees them afterwards; resolves with how
 * many were deleted. Found a page at a time and deleted by id in bulk (no `_delete_by_query`: it
 * needs the reindex module, which a minimal Elasticsearch may lack); each round's refresh hides
 * what it deleted from the next.
 */
const PAGE = 1_000;

/**
 * Deletes every document of `index` (a name or a pattern) that matches `query`, those written
 * a moment before included, and refreshes, so no query sees them afterwards; resolves with how many were deleted. Found a page at a time
 * and deleted by id in bulk (no `_delete_by_query`: it needs the reindex module, which a minimal
 * Elasticsearch may lack); each round's refresh hides what it deleted from the next.
 */
export async function deleteMatching(
  client: Client,
  index: string,
  query: estypes.QueryDslQueryContainer,
): Promise<number> {
  // Documents written a moment ago are found too (search sees only what a refresh published).
  await client.indices.refresh({ index, ignore_unavailable: true, allow_no_indices: true });
  let deleted = 0;
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
    if (hits.length === 0) return deleted;
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
