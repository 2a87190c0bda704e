import type { AlertEvent } from '@sightline/contract';
import { alertPayload } from './alert-payload.js';
import { boundedError, type AttemptOutcome } from './attempt-outcome.js';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
} from './webhook-signature.js';

/**
 * One attempt to POST an alert to a webhook, signed with its secret. Only a 2xx answer counts;
 * redirects are not followed (a signed delivery goes where it was configured, nowhere else).
 * Never throws.
 */
export async function sendWebhook(
  alert: AlertEvent,
  webhook: { id: string; url: string; secret: string },
  options: { adminUrl?: string; timeoutMs: number; now: number },
): Promise<AttemptOutcome> {
  const payload = alertPayload(alert, options.adminUrl);
  const body = JSON.stringify(payload);
  try {
    const response = await fetch(webhook.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Sightline-Alerts/1',
        [SIGNATURE_HEADER]: signWebhook(webhook.secret, body, Math.floor(options.now / 1_000)),
        [DELIVERY_HEADER]: `${alert.id}:${alert.state}:${webhook.id}`,
        [EVENT_HEADER]: payload.type,
      },
      body,
    });
    // The answer is not read beyond its status; release the connection.
    await response.body?.cancel().catch(() => undefined);
    if (response.ok) return { ok: true, status: response.status };
    return {
      ok: false,
      status: response.status,
      error:
        response.status >= 300 && response.status < 400
          ? `redirected (${response.status}); webhooks are not followed to another address`
          : `answered ${response.status}`,
    };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return {
      ok: false,
      error: timedOut ? `no answer within ${options.timeoutMs} ms` : boundedError(causeOf(error)),
    };
  }
}

/** fetch wraps network errors ("fetch failed"); the cause says what happened. */
const causeOf = (error: unknown) =>
  error instanceof Error && error.cause instanceof Error ? error.cause : error;
