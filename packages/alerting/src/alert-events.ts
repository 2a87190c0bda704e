import { CONTRACT_VERSION, type AlertEvent, type AlertRule } from '@sightline/contract';
import type { RuleTransition } from './rule-state.js';

/** The `alerts` message of a rule's fire or resolution. */
export function alertEventOf(rule: AlertRule, transition: RuleTransition, now: number): AlertEvent {
  const { check } = transition;
  return {
    v: CONTRACT_VERSION,
    id: transition.alertId,
    site: rule.site,
    ruleId: rule.id,
    ruleName: rule.name,
    state: transition.kind === 'fired' ? 'firing' : 'resolved',
    metric: rule.metric,
    condition: rule.condition,
    windowMinutes: rule.windowMinutes,
    channels: rule.channels,
    value: check.value,
    ...(check.base === undefined ? {} : { base: check.base }),
    firedAt: transition.kind === 'fired' ? transition.at : transition.firedAt,
    ...(transition.kind === 'resolved'
      ? {
          resolvedAt: transition.at,
          resolvedBy: 'rule' as const,
          firedValue: transition.fired.value,
          ...(transition.fired.base === undefined ? {} : { firedBase: transition.fired.base }),
        }
      : {}),
    at: now,
  };
}
