import type { Client } from '@elastic/elasticsearch';
import { deleteMatching } from './delete-matching.js';

/** Visitors per query: a terms query of this many ids stays far below the limits. */
const VISITORS_PER_QUERY = 1_000;

/**
 * Deletes the documents of these visitors of a site from `index` (a name or a pattern);
 * resolves with how many were deleted, once no query sees them.
 */
export async function eraseVisitors(
  client: Client,
  index: string,
  site: string,
  visitors: string[],
): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < visitors.length; i += VISITORS_PER_QUERY)
    deleted += await deleteMatching(client, index, {
      bool: {
        filter: [
          { term: { site } },
          { terms: { visitor: visitors.slice(i, i + VISITORS_PER_QUERY) } },
        ],
      },
    });
  return deleted;
}
