import type { Client } from '@elastic/elasticsearch';
import {
  firstMatches,
  funnelStep,
  nextStep,
  type FunnelStep,
  type TimeRange,
} from '@sightline/ports';
import { aggregate } from './aggregate.js';
import type { StepsIn } from './build-funnel-blocks.js';
import type { BlockFigures } from './funnel-block-hours.js';
import { epochRange } from './query.js';
import { readForVisits } from './read-for-visits.js';
import { readStepTimes } from './read-step-times.js';

type Clause = Record<string, unknown>;

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

/** What the events answer for when blocks answer for some hours of a range. */
export interface Within {
  steps: StepsIn;
  range: TimeRange;
  /** The parts of the range no block answers for. */
  rest: TimeRange[];
  /** Whether a block answers for the visits that first reached the first step at `ts`. */
  used: (ts: number) => boolean;
  /** Visits that reached the first step again in the hours of the blocks (see FunnelBlock). */
  carried: string[];
}

/**
 * The figures of the visits of the range no block stands for: those that reached the first step
 * in `rest`, or before the range (a visit going on at its start, carried by the blocks),
 * followed from the events.
 */
export async function followWithin(
  client: Client,
  index: string,
  within: Within,
): Promise<BlockFigures> {
  const { steps, range, rest, used, carried } = within;
  const clauses = steps(range);
  const inRest = { bool: { should: rest.map((part) => epochRange('ts', part.from, part.to)) } };
  const candidates = new Set(carried);
  if (rest.length > 0)
    for (const { session } of await readStepTimes(client, index, {
      bool: { filter: [clauses[0], inRest] },
    }))
      candidates.add(session);
  // Each candidate's first match of the first step ever, and in the range.
  const matches = await readForVisits(client, index, steps({ from: 0, to: range.to })[0]!, [
    ...candidates,
  ]);
  const ever = firstMatches(matches);
  let reached = firstMatches(matches.filter((match) => match.ts >= range.from));
  for (const session of reached.keys()) if (used(ever.get(session)!)) reached.delete(session);
  const figures: BlockFigures = { visits: [reached.size], took: [[]], lastStepTs: 0 };
  for (let k = 1; k < clauses.length; k++) {
    const times = await readForVisits(client, index, clauses[k]!, [...reached.keys()]);
    const step = nextStep(reached, times);
    figures.visits.push(step.reached.size);
    figures.took.push(step.took);
    reached = step.reached;
  }
  return figures;
}
