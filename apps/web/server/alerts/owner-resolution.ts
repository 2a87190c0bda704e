import type { AlertEvent } from '@sightline/contract';

/** An owner closes an open alert: its resolution, as the evaluator and notifiers expect it. */
export function ownerResolution(alert: AlertEvent, now: number): AlertEvent {
  return {
    ...alert,
    state: 'resolved',
    resolvedAt: now,
    resolvedBy: 'owner',
    firedValue: alert.value,
    ...(alert.base === undefined ? {} : { firedBase: alert.base }),
    at: now,
  };
}
