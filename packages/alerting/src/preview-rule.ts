import type { AlertRule } from '@sightline/contract';
import { checkCondition } from './condition-check.js';
import { initialRuleState, stepRule } from './rule-state.js';
import { MINUTE_MS, STEP_MS } from './steps.js';
import type { BucketValues } from './window-total.js';

export interface PreviewPoint {
  /** End of the minute this point sums up. */
  t: number;
  /** The window's value at the minute's last step, and its base for a change. */
  value: number;
  base?: number;
  /** Whether the condition held at any step of the minute. */
  breached: boolean;
}

export interface PreviewAlert {
  firedAt: number;
  /** Absent while still firing at the end of the range. */
  resolvedAt?: number;
  value: number;
}

export interface RulePreview {
  points: PreviewPoint[];
  alerts: PreviewAlert[];
}

/**
 * Where the rule would have fired between `from` and `to`: the same steps, condition and state
 * machine the evaluator runs, every 10 seconds over the stored windows, with one point per
 * minute for the chart.
 */
export function previewRule(
  rule: AlertRule,
  values: BucketValues,
  range: { from: number; to: number },
): RulePreview {
  const points: PreviewPoint[] = [];
  const alerts: PreviewAlert[] = [];
  let state = initialRuleState();
  let breachedThisMinute = false;
  const first = Math.ceil(range.from / STEP_MS) * STEP_MS;
  for (let at = first; at <= range.to; at += STEP_MS) {
    const check = checkCondition(rule, values, at);
    const step = stepRule(rule, state, check, at);
    state = step.state;
    if (step.transition?.kind === 'fired') alerts.push({ firedAt: at, value: check.value });
    if (step.transition?.kind === 'resolved') alerts.at(-1)!.resolvedAt = at;
    breachedThisMinute ||= check.breached;
    if (at % MINUTE_MS === 0 || at + STEP_MS > range.to) {
      points.push({
        t: at,
        value: check.value,
        ...(check.base === undefined ? {} : { base: check.base }),
        breached: breachedThisMinute,
      });
      breachedThisMinute = false;
    }
  }
  return { points, alerts };
}
