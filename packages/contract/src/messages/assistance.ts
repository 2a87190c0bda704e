import { z } from 'zod';
import { CONTRACT_VERSION } from '../version.js';
import { epochMs, opaqueId, siteKey, url } from '../primitives.js';

/**
 * A message for one visitor, on the `assistance` topic: written by the chatbot, delivered by
 * the ingest node that holds the visitor's socket, shown by the tracker's pop-up.
 */
export const assistanceMessage = z.object({
  v: z.literal(CONTRACT_VERSION),
  id: z.uuid(),
  site: siteKey,
  visitor: opaqueId,
  session: opaqueId.optional(),
  /**
   * The page view whose event completed the profile: the message goes to that page's socket
   * (once it is open), and to the visitor's most recent page only if that page is gone.
   */
  page: opaqueId.optional(),
  profileId: opaqueId,
  text: z.string().min(1).max(1_000),
  link: z.object({ url, label: z.string().min(1).max(80) }).optional(),
  createdAt: epochMs,
  /** Not shown after this time (the visitor has likely moved on). */
  expiresAt: epochMs,
});

export type AssistanceMessage = z.infer<typeof assistanceMessage>;
