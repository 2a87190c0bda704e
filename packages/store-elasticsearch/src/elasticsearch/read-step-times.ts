import type { Client } from '@elastic/elasticsearch';
import type { StepTime } from '@sightline/ports';

const PAGE = 10_000;

/**
 * The visit and time of every event matching `query`, in no particular order (a funnel follows
 * the visits itself): read from doc values in index order through a point in time, which
 * Elasticsearch pages without sorting or loading any document's source.
 */
export async function readStepTimes(
  client: Client,
  index: string,
  query: Record<string, unknown>,
): Promise<StepTime[]> {
  const pit = await client.openPointInTime({ index, keep_alive: '1m', ignore_unavailable: true });
  try {
    const times: StepTime[] = [];
    let after: (string | number)[] | undefined;
    for (;;) {
      const response = await client.search({
        pit: { id: pit.id, keep_alive: '1m' },
        query,
        size: PAGE,
        _source: false,
        docvalue_fields: [{ field: 'session' }, { field: 'ts', format: 'epoch_millis' }],
        sort: [{ _shard_doc: 'asc' }],
        track_total_hits: false,
        ...(after ? { search_after: after } : {}),
      });
      const hits = response.hits.hits;
      for (const hit of hits) {
        const fields = (hit.fields ?? {}) as Record<string, unknown[] | undefined>;
        const session = fields.session?.[0];
        const ts = Number(fields.ts?.[0]);
        if (typeof session === 'string' && Number.isFinite(ts)) times.push({ session, ts });
      }
      if (hits.length < PAGE) return times;
      after = hits.at(-1)!.sort as (string | number)[];
    }
  } finally {
    await client.closePointInTime({ id: pit.id }).catch(() => undefined);
  }
}
