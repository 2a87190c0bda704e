import type { AlertEvent } from '@sightline/contract';
import { request } from 'undici';
import { alertPayload } from './alert-payload.js';
import { boundedError, type AttemptOutcome } from './attempt-outcome.js';
import { DEFAULT_POLICY, type WebhookPolicy } from './webhook-address/address-policy.js';
import {
  checkWebhookUrl,
  WebhookAddressError,
  type Resolve,
} from './webhook-address/check-webhook-url.js';
import { pinnedAgent } from './webhook-address/pinned-agent.js';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
} from './webhook-signature.js';

/**
 * One attempt to POST an alert to a webhook, signed with its secret. The address is checked
 * again first (it may resolve elsewhere since it was saved) and the connection goes only to the
 * addresses checked. Only a 2xx answer counts; redirects are not followed (a signed delivery
 * goes where it was configured, nowhere else). Never throws.
 */
export async function sendWebhook(
  alert: AlertEvent,
  webhook: { id: string; url: string; secret: string },
  options: {
    adminUrl?: string;
    timeoutMs: number;
    now: number;
    policy?: WebhookPolicy;
    /** How host names are resolved (the system resolver by default). */
    resolve?: Resolve;
  },
): Promise<AttemptOutcome> {
  const payload = alertPayload(alert, options.adminUrl);
  const body = JSON.stringify(payload);
  const signal = AbortSignal.timeout(options.timeoutMs);
  let agent: ReturnType<typeof pinnedAgent> | undefined;
  try {
    const target = await checkWebhookUrl(
      webhook.url,
      options.policy ?? DEFAULT_POLICY,
      options.resolve,
    );
    agent = pinnedAgent(target.addresses, options.timeoutMs);
    const response = await request(target.url, {
      method: 'POST',
      dispatcher: agent,
      signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Sightline-Alerts/1',
        [SIGNATURE_HEADER]: signWebhook(webhook.secret, body, Math.floor(options.now / 1_000)),
        [DELIVERY_HEADER]: `${alert.id}:${alert.state}:${webhook.id}`,
        [EVENT_HEADER]: payload.type,
      },
      body,
    });
    // The answer is not read beyond its status.
    await response.body.dump().catch(() => undefined);
    const status = response.statusCode;
    if (status >= 200 && status < 300) return { ok: true, status };
    return {
      ok: false,
      status,
      error:
        status >= 300 && status < 400
          ? `redirected (${status}); webhooks are not followed to another address`
          : `answered ${status}`,
    };
  } catch (error) {
    if (error instanceof WebhookAddressError)
      return { ok: false, error: `refused address: ${error.message}` };
    if (signal.aborted) return { ok: false, error: `no answer within ${options.timeoutMs} ms` };
    return { ok: false, error: boundedError(causeOf(error)) };
  } finally {
    await agent?.destroy().catch(() => undefined);
  }
}

/** Network errors may wrap what happened in `cause`. */
const causeOf = (error: unknown) =>
  error instanceof Error && error.cause instanceof Error ? error.cause : error;
