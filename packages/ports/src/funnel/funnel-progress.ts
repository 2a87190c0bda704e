import type { FunnelStep } from '../events-port.js';

/** When a visit matched one step: its `session` and the event's time. */
export interface StepTime {
  session: string;
  ts: number;
}

/** The median of `values` (the mean of the two middle ones for an even count). */
export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Each visit's first match of the first step: when it reached it. */
export function firstMatches(times: StepTime[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const { session, ts } of times) {
    const seen = first.get(session);
    if (seen === undefined || ts < seen) first.set(session, ts);
  }
  return first;
}

/**
 * The visits of `reached` (visit → when it reached the step before) that go on to the next step,
 * from that step's matches: each at its first match at or after the step before, with how long
 * that took.
 */
export function nextStep(
  reached: ReadonlyMap<string, number>,
  times: StepTime[],
): { reached: Map<string, number>; took: number[] } {
  const next = new Map<string, number>();
  for (const { session, ts } of times) {
    const after = reached.get(session);
    if (after === undefined || ts < after) continue;
    const seen = next.get(session);
    if (seen === undefined || ts < seen) next.set(session, ts);
  }
  const took = [...next].map(([session, ts]) => ts - reached.get(session)!);
  return { reached: next, took };
}

/** A funnel step from the visits that reached it and how long each took from the step before. */
export function funnelStep(visits: number, took: number[]): FunnelStep {
  const medianMs = median(took);
  return { visits, ...(medianMs === undefined ? {} : { medianMs }) };
}

/** A funnel from the times each visit matched each step (any order). */
export function funnelProgress(steps: StepTime[][]): FunnelStep[] {
  if (steps.length === 0) return [];
  let reached = firstMatches(steps[0]!);
  const out = [funnelStep(reached.size, [])];
  for (const times of steps.slice(1)) {
    const step = nextStep(reached, times);
    out.push(funnelStep(step.reached.size, step.took));
    reached = step.reached;
  }
  return out;
}
