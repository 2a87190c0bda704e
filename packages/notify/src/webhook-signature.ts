import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of a webhook delivery (lower case, as Node reads them). */
export const SIGNATURE_HEADER = 'sightline-signature';
/** The same for every attempt at one alert, state and channel: receivers deduplicate by it. */
export const DELIVERY_HEADER = 'sightline-delivery';
export const EVENT_HEADER = 'sightline-event';

const hmac = (secret: string, timestamp: number, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/**
 * The signature header of a body: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. The time
 * is signed with the body, so a captured delivery cannot be replayed later.
 */
export function signWebhook(secret: string, body: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${hmac(secret, timestampSeconds, body)}`;
}

/**
 * Whether a delivery is genuine: the header parses, its time is within `toleranceSeconds` of
 * now, and its HMAC matches the body (compared in constant time).
 */
export function verifyWebhookSignature(options: {
  secret: string;
  header: string | undefined;
  body: string;
  now?: number;
  toleranceSeconds?: number;
}): boolean {
  const parts = new Map(
    (options.header ?? '').split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  // Digits only: `Number` alone would take "", "0x10" or "1.8e9" as a time.
  const t = parts.get('t') ?? '';
  const signature = parts.get('v1') ?? '';
  if (!/^\d{1,12}$/.test(t) || !/^[0-9a-f]{64}$/.test(signature)) return false;
  const timestamp = Number(t);
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1_000);
  if (Math.abs(nowSeconds - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(hmac(options.secret, timestamp, options.body), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}
