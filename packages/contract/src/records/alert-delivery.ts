import { z } from 'zod';
import { channelId } from '../config/alert-rule.js';
import { CHANNEL_TYPES } from '../config/alert-channel.js';
import { ALERT_STATES } from '../messages/alert-event.js';
import { epochMs, siteKey } from '../primitives.js';

/**
 * One attempt to send an alert (fired or resolved) to a channel: the delivery log. The id is
 * the alert, its state, the channel and the attempt, so a retried write replaces itself.
 */
export const alertDelivery = z.object({
  id: z.string().min(1).max(300),
  alertId: z.string().min(1).max(200),
  site: siteKey,
  ruleId: z.string().max(64),
  state: z.enum(ALERT_STATES),
  channelId,
  channelType: z.enum(CHANNEL_TYPES),
  attempt: z.int().min(1),
  ok: z.boolean(),
  /** HTTP status of a webhook's answer, or the SMTP server's reply code. */
  status: z.int().optional(),
  error: z.string().max(1_000).optional(),
  durationMs: z.int().min(0),
  at: epochMs,
});

export type AlertDelivery = z.infer<typeof alertDelivery>;
