import type { ConversionTarget, Funnel } from '@sightline/contract';
import type { FunnelStep } from '@sightline/ports';

export interface FunnelReportStep {
  target: ConversionTarget;
  /** Visits that reached this step after all the steps before it. */
  visits: number;
  /** Visits of the step before that did not reach this one (0 for the first step). */
  dropOff: number;
  /** Share of the step before's visits that reached this one (1 for the first step). */
  conversion: number;
  /** Share of the first step's visits that reached this one. */
  overall: number;
  /** Median milliseconds from the step before (none for the first step, or when nobody came). */
  medianMs?: number;
}

/** A funnel's steps with their drop-off and conversions, from the visits the store counted. */
export function funnelReport(funnel: Funnel, steps: FunnelStep[]): FunnelReportStep[] {
  const first = steps[0]?.visits ?? 0;
  return funnel.steps.map((target, k) => {
    const visits = steps[k]?.visits ?? 0;
    const before = k === 0 ? visits : (steps[k - 1]?.visits ?? 0);
    const medianMs = k === 0 ? undefined : steps[k]?.medianMs;
    return {
      target,
      visits,
      dropOff: before - visits,
      conversion: before > 0 ? visits / before : 0,
      overall: first > 0 ? visits / first : 0,
      ...(medianMs === undefined ? {} : { medianMs }),
    };
  });
}
