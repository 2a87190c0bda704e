import { z } from 'zod';
import { clientEvent } from './event.js';
import { LIMITS } from './limits.js';
import { epochMs, siteKey } from './primitives.js';
import { CONTRACT_VERSION } from './version.js';

const batchShape = {
  v: z.literal(CONTRACT_VERSION).optional(),
  site: siteKey,
  /** Client clock when the batch was sent: ingest corrects each event's `ts` by the skew. */
  sentAt: epochMs.optional(),
  /**
   * The tracker keeps nothing in the browser: ingest replaces visitor and session ids with ids
   * derived from a daily salt, the site, the IP and the user agent (never stored).
   */
  cookieless: z.boolean().optional(),
  /** Whether the visitor allowed personalisation; true when the site does not ask. */
  personalisation: z.boolean().optional(),
} as const;

/**
 * The body of `POST /api/collect` and of a WebSocket frame, as first parsed: the events stay
 * unparsed so that one bad event is rejected alone instead of sinking the whole batch.
 */
export const collectRequest = z.object({
  ...batchShape,
  events: z.array(z.unknown()).min(1).max(LIMITS.batchEvents),
});

/** The same request with every event valid — the shape published as JSON Schema. */
export const collectBatch = z.object({
  ...batchShape,
  events: z.array(clientEvent).min(1).max(LIMITS.batchEvents),
});

export type CollectRequest = z.infer<typeof collectRequest>;
export type CollectBatch = z.infer<typeof collectBatch>;
