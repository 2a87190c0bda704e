import type { AlertRule } from '@sightline/contract';
import { MINUTE_MS, WEEK_MS } from './steps.js';
import { windowTotal, type BucketValues } from './window-total.js';

export interface ConditionCheck {
  breached: boolean;
  /** The window's value, and what a change was measured against. */
  value: number;
  base?: number;
  /** The change in percent, when there was a base to compare with. */
  changePercent?: number;
}

/** Whether the rule's condition holds for the window ending at `end`. */
export function checkCondition(rule: AlertRule, values: BucketValues, end: number): ConditionCheck {
  const value = windowTotal(rule, values, end);
  const { condition } = rule;
  switch (condition.kind) {
    case 'above':
      return { breached: value > condition.threshold, value };
    case 'below':
      return { breached: value < condition.threshold, value };
    case 'no_data':
      return { breached: value === 0, value };
    case 'change': {
      const baseEnd =
        condition.against === 'previous_window'
          ? end - rule.windowMinutes * MINUTE_MS
          : end - WEEK_MS;
      const base = windowTotal(rule, values, baseEnd);
      // Nothing to compare with: a change from zero is not a percentage.
      if (base === 0) return { breached: false, value, base };
      const changePercent = ((value - base) / base) * 100;
      const up = changePercent >= condition.percent;
      const down = -changePercent >= condition.percent;
      const breached =
        condition.direction === 'up' ? up : condition.direction === 'down' ? down : up || down;
      return { breached, value, base, changePercent };
    }
  }
}

/** How far back a rule reads from the end of its window (for the series it needs kept). */
export function lookbackMs(rule: AlertRule): number {
  const window = rule.windowMinutes * MINUTE_MS;
  if (rule.condition.kind !== 'change') return window;
  return rule.condition.against === 'previous_window' ? 2 * window : WEEK_MS + window;
}
