import type { Client } from '@elastic/elasticsearch';
import { firstMatches, nextStep, type TimeRange } from '@sightline/ports';
import { blockFigures, emptyBlock, HOUR_MS, hourOf, VISIT_IDLE_MS } from './funnel-block-hours.js';
import type { FunnelBlock } from './funnel-block-index.js';
import { readForVisits } from './read-for-visits.js';
import { readStepTimes } from './read-step-times.js';

type Clause = Record<string, unknown>;

/** A funnel's step queries over any range (its site, filters and bots rule included). */
export type StepsIn = (range: TimeRange) => Clause[];

/** Later than any event's time. */
export const END_OF_TIME = 8_640_000_000_000_000;

/**
 * The blocks of the hours of `span` (whole hours), as of `now`: the visits whose first match of
 * the first step ever falls in the span, followed through all their later events. An hour with
 * a visit that may still go on (an event in the last VISIT_IDLE_MS) is left out, to be built
 * later.
 */
export async function buildFunnelBlocks(
  client: Client,
  index: string,
  steps: StepsIn,
  span: TimeRange,
  now: number,
): Promise<FunnelBlock[]> {
  const clauses = steps(span);
  const count = clauses.length;
  // What was stored a while before `now` is searchable by then; what came after, checks read.
  const matches = await readStepTimes(client, index, clauses[0]!);
  const reached = [firstMatches(matches)];
  // A visit that reached the first step before the span belongs to an earlier hour.
  const earlier = await readForVisits(client, index, steps({ from: 0, to: span.from })[0]!, [
    ...reached[0]!.keys(),
  ]);
  for (const { session } of earlier) reached[0]!.delete(session);
  // Per hour, the visits that reached the first step in it again: a range that starts after
  // their first time counts them from the events.
  const carried = new Map<number, Set<string>>();
  for (const { session, ts } of matches) {
    const first = reached[0]!.get(session) ?? Number.NEGATIVE_INFINITY;
    const hour = hourOf(ts);
    if (first < hour) carried.set(hour, (carried.get(hour) ?? new Set()).add(session));
  }

  const after = { from: span.from, to: END_OF_TIME };
  for (let k = 1; k < count; k++) {
    const times = await readForVisits(client, index, steps(after)[k]!, [...reached[k - 1]!.keys()]);
    reached.push(nextStep(reached[k - 1]!, times).reached);
  }

  const open = new Set<number>();
  const recent = await readForVisits(
    client,
    index,
    { range: { ts: { gte: now - VISIT_IDLE_MS } } },
    [...reached[0]!.keys()],
  );
  for (const { session } of recent) open.add(hourOf(reached[0]!.get(session)!));

  const figures = blockFigures(reached, count);
  const blocks: FunnelBlock[] = [];
  for (let hour = span.from; hour < span.to; hour += HOUR_MS)
    if (!open.has(hour))
      blocks.push({
        ...(figures.get(hour) ?? emptyBlock(count)),
        hour,
        carried: [...(carried.get(hour) ?? [])],
        builtAt: now,
        checkedAt: now,
      });
  return blocks;
}
