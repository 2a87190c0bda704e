import type { AlertEvent } from '@sightline/contract';

/** Alerts by id in their latest state (a resolution wins over its fire), newest fire first. */
export function mergeAlerts(known: AlertEvent[], incoming: AlertEvent[]): AlertEvent[] {
  const byId = new Map(known.map((alert) => [alert.id, alert]));
  for (const alert of incoming) {
    const current = byId.get(alert.id);
    if (!current || current.state === 'firing') byId.set(alert.id, alert);
  }
  return [...byId.values()].sort((a, b) => b.firedAt - a.firedAt);
}
