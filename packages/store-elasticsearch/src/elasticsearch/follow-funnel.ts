import type { Client } from '@elastic/elasticsearch';
import { firstMatches, funnelStep, nextStep, type FunnelStep } from '@sightline/ports';
import { aggregate } from './aggregate.js';
import { readStepTimes } from './read-step-times.js';

type Clause = Record<string, unknown>;

/** Visits per `terms` query: well under Elasticsearch's `index.max_terms_count` (65,536). */
const VISITS_PER_READ = 20_000;

/** Distinct visits at the first step are exact to this many, within about 1 % beyond. */
export const FIRST_STEP_PRECISION = 40_000;

/**
 * A funnel on Elasticsearch, which has no joins: funnels narrow, so it reads only what can still
 * move a visit on. The first step's visits are counted by an aggregation; the second step's
 * matches are read in full; the first step's only for visits that have a second-step match (to
 * know when they reached the first), and each later step's only for the visits that reached the
 * step before it. Every count after the first, and every median, is exact.
 */
export async function followFunnel(
  client: Client,
  index: string,
  steps: Clause[],
): Promise<FunnelStep[]> {
  if (steps.length === 0) return [];
  const [first, second, ...rest] = steps as [Clause, ...Clause[]];
  const counted = countVisits(client, index, first);
  if (!second) return [funnelStep(await counted, [])];
  const secondTimes = await readStepTimes(client, index, second);
  const candidates = [...new Set(secondTimes.map((t) => t.session))];
  let reached = firstMatches(await readForVisits(client, index, first, candidates));
  // Never below what was followed, should the estimate beyond the precision fall short.
  const out = [funnelStep(Math.max(await counted, reached.size), [])];
  let times = secondTimes;
  for (let k = 1; k < steps.length; k++) {
    if (k > 1) times = await readForVisits(client, index, rest[k - 2]!, [...reached.keys()]);
    const step = nextStep(reached, times);
    out.push(funnelStep(step.reached.size, step.took));
    reached = step.reached;
  }
  return out;
}

async function countVisits(client: Client, index: string, query: Clause): Promise<number> {
  const aggregations = await aggregate<{ visits?: { value?: number } }>(client, index, query, {
    visits: { cardinality: { field: 'session', precision_threshold: FIRST_STEP_PRECISION } },
  });
  return aggregations?.visits?.value ?? 0;
}

/** The matches of `query` within the given visits, read a slice of visits at a time. */
async function readForVisits(
  client: Client,
  index: string,
  query: Clause,
  sessions: string[],
): Promise<{ session: string; ts: number }[]> {
  const out: { session: string; ts: number }[] = [];
  for (let i = 0; i < sessions.length; i += VISITS_PER_READ) {
    const slice = sessions.slice(i, i + VISITS_PER_READ);
    const within = { bool: { filter: [query, { terms: { session: slice } }] } };
    out.push(...(await readStepTimes(client, index, within)));
  }
  return out;
}
