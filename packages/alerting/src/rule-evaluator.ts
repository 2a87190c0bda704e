import type { AlertEvent, AlertRule } from '@sightline/contract';
import { alertEventOf } from './alert-events.js';
import { checkCondition } from './condition-check.js';
import { initialRuleState, stepRule, type RuleState } from './rule-state.js';
import type { SiteSeries } from './site-series.js';

/** Rule ids are unique within a site. */
const ruleKey = (rule: { site: string; id: string }) => `${rule.site}:${rule.id}`;

/** The state a rule resumes from, given its last alert in the history. */
export function stateFromHistory(last: AlertEvent | undefined): RuleState {
  if (!last) return initialRuleState();
  if (last.state === 'resolved') return { current: { phase: 'ok' }, lastFiredAt: last.firedAt };
  return {
    lastFiredAt: last.firedAt,
    current: {
      phase: 'firing',
      alertId: last.id,
      firedAt: last.firedAt,
      value: last.value,
      ...(last.base === undefined ? {} : { base: last.base }),
    },
  };
}

/**
 * Every rule's state, stepped once per evaluation: holds no data itself (series are per site)
 * and does no I/O, so the worker decides where series come from and where alerts go.
 */
export class RuleEvaluator {
  private readonly states = new Map<string, { rule: AlertRule; state: RuleState }>();

  /** `history` gives a rule's last alert, by site and rule id. */
  constructor(private readonly history: (site: string, ruleId: string) => AlertEvent | undefined) {}

  /**
   * Steps each enabled rule at `at` over its site's series; rules that were removed or
   * disabled while firing resolve (by their owner). Returns the alerts to send, in order.
   */
  evaluate(
    rules: AlertRule[],
    seriesOf: (site: string) => SiteSeries,
    at: number,
    now: number,
  ): AlertEvent[] {
    const out: AlertEvent[] = [];
    const active = new Set<string>();
    for (const rule of rules) {
      if (!rule.enabled) continue;
      active.add(ruleKey(rule));
      const entry = this.entry(rule);
      const series = seriesOf(rule.site);
      // Each bucket's value once per step, however many steps of the window read it.
      const memo = new Map<number, number>();
      const values = (start: number) => {
        let value = memo.get(start);
        if (value === undefined) memo.set(start, (value = series.value(rule, start)));
        return value;
      };
      const step = stepRule(rule, entry.state, checkCondition(rule, values, at), at);
      entry.state = step.state;
      if (step.transition) out.push(alertEventOf(rule, step.transition, now));
    }
    for (const [key, entry] of this.states) {
      if (active.has(key)) continue;
      const current = entry.state.current;
      if (current.phase === 'firing') out.push(this.ownerResolution(entry.rule, current, at, now));
      this.states.delete(key);
    }
    return out;
  }

  /** An owner closed the alert: the rule may fire again (after its cooldown). */
  resolvedByOwner(event: AlertEvent): void {
    const entry = this.states.get(ruleKey({ site: event.site, id: event.ruleId }));
    if (entry?.state.current.phase === 'firing' && entry.state.current.alertId === event.id)
      entry.state = { ...entry.state, current: { phase: 'ok' } };
  }

  /** The alert a rule has open, if any. */
  firing(site: string, ruleId: string): string | undefined {
    const current = this.states.get(ruleKey({ site, id: ruleId }))?.state.current;
    return current?.phase === 'firing' ? current.alertId : undefined;
  }

  private entry(rule: AlertRule) {
    let entry = this.states.get(ruleKey(rule));
    if (!entry) {
      entry = { rule, state: stateFromHistory(this.history(rule.site, rule.id)) };
      this.states.set(ruleKey(rule), entry);
    }
    entry.rule = rule;
    return entry;
  }

  private ownerResolution(
    rule: AlertRule,
    current: Extract<RuleState['current'], { phase: 'firing' }>,
    at: number,
    now: number,
  ): AlertEvent {
    const check = {
      breached: false,
      value: current.value,
      ...(current.base === undefined ? {} : { base: current.base }),
    };
    return {
      ...alertEventOf(
        rule,
        {
          kind: 'resolved',
          alertId: current.alertId,
          firedAt: current.firedAt,
          at,
          check,
          fired: check,
        },
        now,
      ),
      resolvedBy: 'owner',
    };
  }
}
