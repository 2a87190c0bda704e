import { setTimeout as wait } from 'node:timers/promises';
import type { AlertChannel, AlertDelivery, AlertEvent } from '@sightline/contract';
import type { AttemptOutcome } from './attempt-outcome.js';
import { retryDelays, type RetryOptions } from './retry-schedule.js';
import { sendEmail } from './send-email.js';
import { sendWebhook } from './send-webhook.js';
import type { WebhookPolicy } from './webhook-address/address-policy.js';

export interface DeliverDeps {
  smtp?: { url: string; from: string };
  /** The admin app's address, for links. */
  adminUrl?: string;
  /** Where webhooks may go (default: public addresses only). */
  webhooks?: WebhookPolicy;
  retry?: RetryOptions;
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
  /** Reports each attempt: the delivery log. */
  onAttempt: (delivery: AlertDelivery) => void | Promise<void>;
  /** Stops retrying (shutdown). */
  signal?: AbortSignal;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const NO_SMTP = 'no SMTP server is configured (SMTP_URL)';

/** A wait that an abort cuts short (its listener is released either way). */
const pause = (ms: number, signal?: AbortSignal) =>
  wait(ms, undefined, signal ? { signal } : {}).catch(() => undefined);

/**
 * Sends an alert to one channel, retrying with backoff until it gets through or the attempts
 * run out. Every attempt is reported; the last is returned. An e-mail channel without an SMTP
 * server fails once, without retries: waiting will not configure one.
 */
export async function deliverAlert(
  alert: AlertEvent,
  channel: AlertChannel,
  deps: DeliverDeps,
): Promise<AlertDelivery> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => pause(ms, deps.signal));
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const delays = channel.type === 'email' && !deps.smtp ? [] : retryDelays(deps.retry);
  for (let attempt = 1; ; attempt++) {
    const started = now();
    let outcome: AttemptOutcome;
    if (channel.type === 'webhook')
      outcome = await sendWebhook(alert, channel, {
        ...(deps.adminUrl ? { adminUrl: deps.adminUrl } : {}),
        ...(deps.webhooks ? { policy: deps.webhooks } : {}),
        timeoutMs,
        now: started,
      });
    else if (!deps.smtp) outcome = { ok: false, error: NO_SMTP };
    else
      outcome = await sendEmail(alert, channel.to, {
        smtp: deps.smtp,
        ...(deps.adminUrl ? { adminUrl: deps.adminUrl } : {}),
        timeoutMs,
      });
    const delivery: AlertDelivery = {
      id: `${alert.id}:${alert.state}:${channel.id}:${attempt}`,
      alertId: alert.id,
      site: alert.site,
      ruleId: alert.ruleId,
      state: alert.state,
      channelId: channel.id,
      channelType: channel.type,
      attempt,
      ...outcome,
      durationMs: Math.max(0, now() - started),
      at: started,
    };
    await deps.onAttempt(delivery);
    const delay = delays[attempt - 1];
    if (delivery.ok || delay === undefined || deps.signal?.aborted) return delivery;
    await sleep(delay);
    // Aborted while waiting: the last attempt stands, no new one is started.
    if (deps.signal?.aborted) return delivery;
  }
}
