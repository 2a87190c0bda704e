import { z } from 'zod';
import { CONTRACT_VERSION } from './version.js';
import { LIMITS } from './limits.js';
import { epochMs, siteKey, text } from './primitives.js';

export const DEVICE_TYPES = [
  'desktop',
  'mobile',
  'tablet',
  'tv',
  'console',
  'wearable',
  'other',
] as const;

/**
 * The referrer class ("channel"): where the visit came from. `campaign` wins when UTM tags are
 * present; `internal` is a referrer on the same site.
 */
export const CHANNELS = [
  'direct',
  'search',
  'social',
  'email',
  'campaign',
  'referral',
  'internal',
] as const;

export const utm = z.object({
  source: text(128).optional(),
  medium: text(128).optional(),
  campaign: text(128).optional(),
  term: text(128).optional(),
  content: text(128).optional(),
});

/** Fields ingest adds to every accepted event before it goes on the bus. */
export const enrichmentShape = {
  v: z.literal(CONTRACT_VERSION),
  site: siteKey,
  /** Server time at ingest, epoch ms. */
  receivedAt: epochMs,
  /** The timestamp the browser sent; `ts` holds the skew-corrected event time. */
  clientTs: epochMs,
  /** Always present once collected (derived from `url` when the browser left it out). */
  path: text(LIMITS.pathLength),
  /**
   * The visitor allowed personalisation (the assistant may score and address them). False when
   * the site requires consent and the visitor has not given it.
   */
  personalisation: z.boolean(),
  browser: text(64).optional(),
  browserVersion: text(32).optional(),
  os: text(64).optional(),
  osVersion: text(32).optional(),
  device: z.enum(DEVICE_TYPES),
  /** Flagged by the bot list; kept on the bus and in raw storage, left out of analytics by default. */
  bot: z.boolean(),
  referrerHost: text(255).optional(),
  channel: z.enum(CHANNELS),
  utm: utm.optional(),
  /** ISO 3166-1 alpha-2 country of the client IP, when the bundled database knows it. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  /** Client IP with its host part zeroed (IPv4 /24, IPv6 /48) — the full IP never leaves ingest. */
  ip: text(45).optional(),
} as const;

export const enrichment = z.object(enrichmentShape);
export type Enrichment = z.infer<typeof enrichment>;
export type DeviceType = (typeof DEVICE_TYPES)[number];
export type Channel = (typeof CHANNELS)[number];
