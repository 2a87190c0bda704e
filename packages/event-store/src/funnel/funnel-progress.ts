import type { FunnelStep } from '../port.js';

/** When a visit reached one step: its `session` and the event's time. */
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

/**
 * A funnel from the times each visit matched each step (any order): a visit reaches the first
 * step at its first match, and each next step at its first match at or after the step before.
 */
export function funnelProgress(steps: StepTime[][]): FunnelStep[] {
  const out: FunnelStep[] = [];
  let reached = new Map<string, number>();
  steps.forEach((times, k) => {
    const bySession = new Map<string, number[]>();
    for (const { session, ts } of times) {
      const list = bySession.get(session);
      if (list) list.push(ts);
      else bySession.set(session, [ts]);
    }
    const next = new Map<string, number>();
    const took: number[] = [];
    if (k === 0) for (const [session, list] of bySession) next.set(session, Math.min(...list));
    else
      for (const [session, after] of reached) {
        let first: number | undefined;
        for (const ts of bySession.get(session) ?? [])
          if (ts >= after && (first === undefined || ts < first)) first = ts;
        if (first === undefined) continue;
        next.set(session, first);
        took.push(first - after);
      }
    const medianMs = median(took);
    out.push({ visits: next.size, ...(medianMs === undefined ? {} : { medianMs }) });
    reached = next;
  });
  return out;
}
