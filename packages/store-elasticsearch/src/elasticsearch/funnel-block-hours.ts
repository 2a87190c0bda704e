import { funnelStep, type FunnelStep, type TimeRange } from '@sightline/ports';

export const HOUR_MS = 3_600_000;

/** The start of the hour `ts` falls in. */
export const hourOf = (ts: number) => Math.floor(ts / HOUR_MS) * HOUR_MS;

/**
 * How long a visit stays open without events (the tracker starts a new visit after 30 minutes),
 * with a margin for delivery: a visit with no event for this long takes no more.
 */
export const VISIT_IDLE_MS = 35 * 60_000;

/**
 * How long a block is used without being checked again: each query checks what reached the
 * store since, so this bounds that read; past it, the hour is built again.
 */
export const BLOCK_TRUST_MS = 24 * 60 * 60_000;

/** A block checked longer ago than this is written as checked once a check passes it. */
export const RECHECKED_AFTER_MS = 2 * 60_000;

/**
 * An event is searchable within this long of its `storedAt` (the bulk request that carried it,
 * clocks of different machines): a check reads what was stored from this long before a block
 * was built or last checked.
 */
export const STORED_WITHIN_MS = 60_000;

/**
 * What a funnel block holds: the visits whose first match of the first step ever fell in its
 * hour, followed through every later event of theirs. Visits per step, and each step's
 * durations from the step before (for exact medians).
 */
export interface BlockFigures {
  visits: number[];
  took: number[][];
  /** The latest time a visit of the block reached a step (0 for none). */
  lastStepTs: number;
}

/**
 * The whole hours of `range` whose visits can have finished: a block stands for a visit only
 * once nothing more can happen in it.
 */
export function settledHours(range: TimeRange, now: number): number[] {
  const hours: number[] = [];
  const first = Math.ceil(range.from / HOUR_MS) * HOUR_MS;
  const end = Math.min(range.to, now - VISIT_IDLE_MS);
  for (let hour = first; hour + HOUR_MS <= end; hour += HOUR_MS) hours.push(hour);
  return hours;
}

/** The parts of `range` outside the given whole hours, in order. */
export function uncovered(range: TimeRange, hours: number[]): TimeRange[] {
  const out: TimeRange[] = [];
  let from = range.from;
  for (const hour of [...hours].sort((a, b) => a - b)) {
    if (hour > from) out.push({ from, to: hour });
    from = Math.max(from, hour + HOUR_MS);
  }
  if (from < range.to) out.push({ from, to: range.to });
  return out;
}

/** Runs of consecutive hours, as ranges of at most `most` hours. */
export function hourSpans(hours: number[], most = Number.POSITIVE_INFINITY): TimeRange[] {
  const spans: TimeRange[] = [];
  for (const hour of [...hours].sort((a, b) => a - b)) {
    const last = spans.at(-1);
    if (last && last.to === hour && last.to - last.from < most * HOUR_MS) last.to = hour + HOUR_MS;
    else spans.push({ from: hour, to: hour + HOUR_MS });
  }
  return spans;
}

/**
 * Per hour, the figures of the visits that reached the first step in it: `reached[k]` maps each
 * visit that reached step k to when, `reached[0]` every visit followed.
 */
export function blockFigures(
  reached: ReadonlyMap<string, number>[],
  steps: number,
): Map<number, BlockFigures> {
  const blocks = new Map<number, BlockFigures>();
  for (const [session, start] of reached[0] ?? []) {
    const hour = hourOf(start);
    let block = blocks.get(hour);
    if (!block) {
      block = emptyBlock(steps);
      blocks.set(hour, block);
    }
    let before = start;
    for (let k = 0; k < steps; k++) {
      const at = reached[k]!.get(session);
      if (at === undefined) break;
      block.visits[k]!++;
      if (k > 0) block.took[k]!.push(at - before);
      block.lastStepTs = Math.max(block.lastStepTs, at);
      before = at;
    }
  }
  return blocks;
}

/** An empty block: an hour where no visit reached the first step. */
export const emptyBlock = (steps: number): BlockFigures => ({
  visits: new Array<number>(steps).fill(0),
  took: Array.from({ length: steps }, () => []),
  lastStepTs: 0,
});

/** The funnel from parts that count disjoint sets of visits. */
export function combineFigures(parts: BlockFigures[], steps: number): FunnelStep[] {
  return Array.from({ length: steps }, (_, k) =>
    funnelStep(
      parts.reduce((sum, part) => sum + (part.visits[k] ?? 0), 0),
      parts.flatMap((part) => part.took[k] ?? []),
    ),
  );
}
