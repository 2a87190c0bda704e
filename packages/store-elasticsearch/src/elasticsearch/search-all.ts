import type { Client } from '@elastic/elasticsearch';

const PAGE = 5_000;

/**
 * Every document matching `query`, in `sort` order (which must end on a unique field), read
 * page by page with search_after so any number of hits comes back.
 */
export async function searchAll<T>(
  client: Client,
  request: {
    index: string;
    query: Record<string, unknown>;
    sort: Record<string, 'asc' | 'desc'>[];
    /** Only these fields of each document. */
    source?: string[];
  },
  limit = Number.POSITIVE_INFINITY,
): Promise<T[]> {
  const out: T[] = [];
  let after: unknown[] | undefined;
  while (out.length < limit) {
    const response = await client.search<T>({
      index: request.index,
      ignore_unavailable: true,
      allow_no_indices: true,
      query: request.query,
      ...(request.source ? { _source: request.source } : {}),
      sort: request.sort.map((s) =>
        Object.fromEntries(Object.entries(s).map(([f, order]) => [f, { order }])),
      ),
      size: Math.min(PAGE, limit - out.length),
      ...(after ? { search_after: after as (string | number)[] } : {}),
    });
    const hits = response.hits.hits;
    for (const hit of hits) if (hit._source) out.push(hit._source);
    if (hits.length < PAGE) break;
    after = hits.at(-1)!.sort as unknown[];
  }
  return out;
}
