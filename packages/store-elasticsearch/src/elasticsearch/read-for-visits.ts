import type { Client } from '@elastic/elasticsearch';
import type { StepTime } from '@sightline/ports';
import { readStepTimes } from './read-step-times.js';

type Clause = Record<string, unknown>;

/** Visits per `terms` query: well under Elasticsearch's `index.max_terms_count` (65,536). */
const VISITS_PER_READ = 20_000;

/** The matches of `query` within the given visits, read a slice of visits at a time. */
export async function readForVisits(
  client: Client,
  index: string,
  query: Clause,
  sessions: string[],
): Promise<StepTime[]> {
  const out: StepTime[] = [];
  for (let i = 0; i < sessions.length; i += VISITS_PER_READ) {
    const slice = sessions.slice(i, i + VISITS_PER_READ);
    const within = { bool: { filter: [query, { terms: { session: slice } }] } };
    for (const time of await readStepTimes(client, index, within)) out.push(time);
  }
  return out;
}
