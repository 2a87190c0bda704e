import { z } from 'zod';
import { CHANNELS, DEVICE_TYPES, utm } from '../enrichment.js';
import { epochMs, opaqueId, siteKey, text, url } from '../primitives.js';
import { LIMITS } from '../limits.js';

/**
 * A visit: a visitor's events until they were inactive for the session timeout, as the
 * processor keeps it. The offsets tie it to the events topic, so a processor that restarts knows
 * exactly which of a session's events it already counted.
 */
export const sessionRecord = z.object({
  /** `${partition}-${startOffset}`: deterministic, the same after any replay. */
  id: z.string().max(64),
  site: siteKey,
  visitor: opaqueId,
  /** The tracker's session id of the first event (the processor splits visits on inactivity). */
  trackerSession: opaqueId,
  partition: z.int().min(0),
  startOffset: z.int().min(0),
  /** Id of the event that started it: a replay marks the start in that event's window again. */
  startEvent: opaqueId,
  lastOffset: z.int().min(0),
  /** Event time of the first and last event. */
  start: epochMs,
  end: epochMs,
  /** Ingest time of the last event: inactivity is measured on it. */
  lastSeen: epochMs,
  events: z.int().min(0),
  pageviews: z.int().min(0),
  entryPath: text(LIMITS.pathLength).optional(),
  exitPath: text(LIMITS.pathLength).optional(),
  referrer: url.optional(),
  referrerHost: text(255).optional(),
  channel: z.enum(CHANNELS),
  utm: utm.optional(),
  device: z.enum(DEVICE_TYPES),
  browser: text(64).optional(),
  os: text(64).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  /** Anonymised address of the first event (per-visitor/IP activity). */
  ip: text(45).optional(),
  purchases: z.int().min(0),
  revenue: z.record(z.string(), z.number().min(0)),
  activeMs: z.int().min(0),
  status: z.enum(['open', 'ended']),
  /** When ended: ingest time of the end (last seen + timeout), the window it was counted in. */
  endedAt: epochMs.optional(),
  endWindow: epochMs.optional(),
  /** Set when ended: a single page view. */
  bounce: z.boolean().optional(),
  durationMs: z.int().min(0),
});

export type SessionRecord = z.infer<typeof sessionRecord>;
