import { alertId, type AlertRule } from '@sightline/contract';
import type { ConditionCheck } from './condition-check.js';
import { MINUTE_MS } from './steps.js';

/** Where a rule stands: quiet, breached but not yet for long enough, or firing. */
export type RulePhase =
  | { phase: 'ok' }
  | { phase: 'pending'; since: number }
  | { phase: 'firing'; alertId: string; firedAt: number; value: number; base?: number };

export interface RuleState {
  current: RulePhase;
  /** When the rule last fired: no new fire before the cooldown has passed since. */
  lastFiredAt?: number;
}

export type RuleTransition =
  | { kind: 'fired'; alertId: string; at: number; check: ConditionCheck }
  | {
      kind: 'resolved';
      alertId: string;
      firedAt: number;
      at: number;
      check: ConditionCheck;
      /** The value (and base) that fired it: the check is the one that resolved it. */
      fired: { value: number; base?: number };
    };

export const initialRuleState = (): RuleState => ({ current: { phase: 'ok' } });

/**
 * One evaluation step of a rule at `at` (the end of the evaluated window): the next state and
 * the fire or resolution it makes, if any. A breach must last `forMinutes` (0: fire at once);
 * a rule that fired stays quiet for `cooldownMinutes`; a firing rule with `autoResolve`
 * resolves on the first step the condition no longer holds, without it only by an owner.
 */
export function stepRule(
  rule: AlertRule,
  state: RuleState,
  check: ConditionCheck,
  at: number,
): { state: RuleState; transition?: RuleTransition } {
  const { current } = state;
  if (current.phase === 'firing') {
    if (check.breached || !rule.autoResolve) return { state };
    return {
      state: { ...state, current: { phase: 'ok' } },
      transition: {
        kind: 'resolved',
        alertId: current.alertId,
        firedAt: current.firedAt,
        at,
        check,
        fired: {
          value: current.value,
          ...(current.base === undefined ? {} : { base: current.base }),
        },
      },
    };
  }
  if (!check.breached) return { state: { ...state, current: { phase: 'ok' } } };
  const since = current.phase === 'pending' ? current.since : at;
  const heldLongEnough = at - since >= rule.forMinutes * MINUTE_MS;
  const cooledDown =
    state.lastFiredAt === undefined || at - state.lastFiredAt >= rule.cooldownMinutes * MINUTE_MS;
  if (!heldLongEnough || !cooledDown)
    return { state: { ...state, current: { phase: 'pending', since } } };
  const id = alertId(rule.site, rule.id, at);
  return {
    state: {
      lastFiredAt: at,
      current: {
        phase: 'firing',
        alertId: id,
        firedAt: at,
        value: check.value,
        ...(check.base === undefined ? {} : { base: check.base }),
      },
    },
    transition: { kind: 'fired', alertId: id, at, check },
  };
}
