import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { email } from './account.js';
import { channelId } from './alert-rule.js';

export const CHANNEL_TYPES = ['webhook', 'email'] as const;

/**
 * Where alerts are sent besides the admin app. A webhook receives JSON signed with its secret
 * (HMAC-SHA256); an e-mail channel writes to its recipients through the configured SMTP server.
 * Channels are shared by every site's rules.
 */
export const alertChannel = z.discriminatedUnion('type', [
  z.object({
    id: channelId,
    name: z.string().trim().min(1).max(120),
    type: z.literal('webhook'),
    url: z.url({ protocol: /^https?$/ }).max(LIMITS.urlLength),
    /** Signs each delivery; stored, never shown back. */
    secret: z.string().min(16).max(256),
  }),
  z.object({
    id: channelId,
    name: z.string().trim().min(1).max(120),
    type: z.literal('email'),
    to: z.array(email).min(1).max(20),
  }),
]);

export type AlertChannel = z.infer<typeof alertChannel>;
export type ChannelType = AlertChannel['type'];
