import { CONTRACT_VERSION, type AlertDelivery, type AlertEvent } from '@sightline/contract';

export const firing = (fields: Partial<AlertEvent> = {}): AlertEvent => ({
  v: CONTRACT_VERSION,
  id: 'shop:errors:1800000010000',
  site: 'shop',
  ruleId: 'errors',
  ruleName: 'Errors per minute',
  state: 'firing',
  metric: 'js_errors',
  condition: { kind: 'above', threshold: 5 },
  windowMinutes: 1,
  channels: ['ops'],
  value: 12,
  firedAt: 1_800_000_010_000,
  at: 1_800_000_012_000,
  ...fields,
});

export const LOOPBACK_ALLOWED = { allow: ['127.0.0.1/32'], own: [] };

/** Collects what `deliverAlert` reports, and waits no time between attempts. */
export function recorder() {
  const attempts: AlertDelivery[] = [];
  const waits: number[] = [];
  return {
    attempts,
    waits,
    deps: {
      // The test receivers listen on loopback: allowed here as an owner allows an intranet host.
      webhooks: LOOPBACK_ALLOWED,
      onAttempt: (delivery: AlertDelivery) => {
        attempts.push(delivery);
      },
      sleep: (ms: number) => {
        waits.push(ms);
        return Promise.resolve();
      },
    },
  };
}
