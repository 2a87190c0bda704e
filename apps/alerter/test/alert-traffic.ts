import { STEP_MS } from '@sightline/alerting';
import type { CollectedEvent } from '@sightline/contract';
import { until } from '../../../test/until.js';

/** A page view or a JavaScript error of `site` as ingest would put it on the bus, at `ts`. */
export function shopEvent(
  site: string,
  type: 'pageview' | 'js_error',
  visitor: string,
  n: number,
  ts: number,
): CollectedEvent {
  const base = {
    v: 1 as const,
    id: `${type}-${visitor}-${n}-${ts}`,
    site,
    visitor,
    session: `${visitor}-s`,
    ts,
    clientTs: ts,
    receivedAt: ts,
    url: `https://shop.example/checkout`,
    path: '/checkout',
    personalisation: true,
    device: 'desktop' as const,
    bot: false,
    channel: 'direct' as const,
  };
  return type === 'pageview'
    ? { ...base, type, first: false }
    : { ...base, type, message: 'TypeError: cart is undefined' };
}

/** Waits until the clock is early in a 10-second window, so a burst sent now fills one window. */
export async function startOfWindow(): Promise<number> {
  await until(() => Date.now() % STEP_MS > 500 && Date.now() % STEP_MS < 3_000, {
    timeoutMs: 15_000,
    everyMs: 50,
    what: 'the start of a window',
  });
  return Date.now();
}
