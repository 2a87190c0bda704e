import type { Client } from '@elastic/elasticsearch';
import { earliestCutoff, type RetentionCutoffs } from '@sightline/contract';
import { deleteMatching } from './delete-matching.js';

/** The UTC period an index of a time-based series holds: [start, end), epoch ms. */
export type IndexPeriod = (index: string) => { start: number; end: number } | undefined;

/**
 * Deletes what is past retention from `pattern`, whose documents are dated by `timeField`.
 * Where the indices are time-based (`period` given), an index whose whole period lies before
 * every site's cutoff is deleted whole, which costs nothing however much it holds; what remains
 * past a site's own cutoff is deleted document by document. Resolves with the documents deleted
 * one by one plus those of the indices deleted whole.
 */
export async function expireDocuments(
  client: Client,
  pattern: string,
  timeField: string,
  cutoffs: RetentionCutoffs,
  period?: IndexPeriod,
): Promise<number> {
  let deleted = 0;
  const earliest = earliestCutoff(cutoffs);
  if (period && earliest > 0) deleted += await dropIndicesBefore(client, pattern, period, earliest);
  const before = (cutoff: number) => ({
    range: { [timeField]: { lt: cutoff, format: 'epoch_millis' } },
  });
  for (const [site, cutoff] of cutoffs.sites) {
    if (cutoff <= 0) continue;
    deleted += await deleteMatching(client, pattern, {
      bool: { filter: [{ term: { site } }, before(cutoff)] },
    });
  }
  if (cutoffs.others > 0)
    deleted += await deleteMatching(client, pattern, {
      bool: {
        filter: [before(cutoffs.others)],
        must_not: [{ terms: { site: [...cutoffs.sites.keys()] } }],
      },
    });
  return deleted;
}

/** Deletes the indices of `pattern` whose period ends at or before `cutoff`. */
async function dropIndicesBefore(
  client: Client,
  pattern: string,
  period: IndexPeriod,
  cutoff: number,
): Promise<number> {
  const indices = await client.cat.indices({
    index: pattern,
    format: 'json',
    h: 'index,docs.count',
  });
  const old = indices.filter((entry) => {
    const held = entry.index === undefined ? undefined : period(entry.index);
    return held !== undefined && held.end <= cutoff;
  });
  // A few dozen names at a time keep the request line short.
  for (let i = 0; i < old.length; i += 50)
    await client.indices.delete({
      index: old.slice(i, i + 50).map((entry) => entry.index!),
      ignore_unavailable: true,
    });
  return old.reduce((sum, entry) => sum + Number(entry['docs.count'] ?? 0), 0);
}
