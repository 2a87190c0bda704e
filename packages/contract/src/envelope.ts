import { z } from 'zod';
import { LIMITS } from './limits.js';
import { dimensions, epochMs, nonNegativeInt, opaqueId, text, url } from './primitives.js';

/**
 * Fields every browser event carries. The site key travels once per batch (see batch.ts), so it
 * is not repeated here; ingest copies it onto each event it accepts.
 */
export const envelopeShape = {
  /** Client-made UUID: the idempotency key of the whole pipeline (retries never double count). */
  id: z.uuid(),
  visitor: opaqueId,
  session: opaqueId,
  /** Page-view id: ties every event to the page view it happened on. */
  page: opaqueId.optional(),
  /**
   * Browser-tab id (kept in the tab's session storage): a tab's next page view ends its previous
   * one, whatever the visitor's other tabs do.
   */
  tab: opaqueId.optional(),
  /** Client clock, epoch ms. Ingest corrects skew against `sentAt` of the batch. */
  ts: epochMs,
  /** Order of the event within its page view, for stable ordering of equal timestamps. */
  seq: nonNegativeInt.optional(),
  url,
  /** The URL's path; ingest derives it from `url` when absent. */
  path: text(LIMITS.pathLength).optional(),
  referrer: url.optional(),
  title: text(LIMITS.titleLength).optional(),
  lang: text(LIMITS.languageLength).optional(),
  tz: text(LIMITS.timeZoneLength).optional(),
  screen: dimensions.optional(),
  viewport: dimensions.optional(),
} as const;

export const envelope = z.object(envelopeShape);
export type Envelope = z.infer<typeof envelope>;
