import type { Client, estypes } from '@elastic/elasticsearch';

/**
 * The aggregations over the documents of `index` (a pattern; missing indices count as empty)
 * that match `query`, with no hits and no total: every count comes from the aggregations.
 */
export async function aggregate<T>(
  client: Client,
  index: string,
  query: Record<string, unknown>,
  aggs: Record<string, estypes.AggregationsAggregationContainer>,
): Promise<T | undefined> {
  const response = await client.search({
    index,
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 0,
    track_total_hits: false,
    query,
    aggs,
  });
  return response.aggregations as T | undefined;
}
