import type { AlertEvent } from '@sightline/contract';

/**
 * An alert's latest state from its stored messages (a fire and maybe its resolution), newest
 * fire first. Stores keep both messages so that writes in any order end the same way.
 */
export function latestStates(messages: AlertEvent[]): AlertEvent[] {
  const byId = new Map<string, AlertEvent>();
  for (const message of messages) {
    const known = byId.get(message.id);
    if (!known || (known.state === 'firing' && message.state === 'resolved'))
      byId.set(message.id, message);
  }
  return [...byId.values()].sort((a, b) => b.firedAt - a.firedAt || (a.id < b.id ? -1 : 1));
}

/** The latest alert of each rule, from alerts in their latest state, newest first. */
export function latestPerRule(alerts: AlertEvent[]): AlertEvent[] {
  const byRule = new Map<string, AlertEvent>();
  for (const alert of alerts) if (!byRule.has(alert.ruleId)) byRule.set(alert.ruleId, alert);
  return [...byRule.values()];
}
