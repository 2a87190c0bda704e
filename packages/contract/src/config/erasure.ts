import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { epochMs, opaqueId, siteKey } from '../primitives.js';

/** Visitors one erasure may cover (a user id links the visitors of its devices). */
export const ERASURE_VISITORS_MAX = 1_000;

/** What an owner asks to erase: one visitor id, or every visitor an identified user was. */
export const erasureRequest = z
  .object({
    visitor: opaqueId.optional(),
    userId: z.string().trim().min(1).max(LIMITS.userIdLength).optional(),
  })
  .strict()
  .refine((request) => (request.visitor === undefined) !== (request.userId === undefined), {
    message: 'give either visitor or userId',
  });

export type ErasureRequest = z.infer<typeof erasureRequest>;

const count = z.int().min(0);

/**
 * One erasure of a person's data (GDPR Article 17), kept as configuration: it is the audit log
 * of who erased what and when, and it tells every processor and chatbot to forget these visitors
 * and to skip what the bus still holds of them from before `at`.
 */
export const erasureRecord = z.object({
  id: z.uuid(),
  site: siteKey,
  request: erasureRequest,
  /** The visitors erased: the one asked for, or those the user id was seen with. */
  visitors: z.array(opaqueId).max(ERASURE_VISITORS_MAX),
  /** Who asked: the account's e-mail or the API key's name. */
  by: z.string().min(1).max(320),
  at: epochMs,
  /** Records deleted from each store; absent until the deletes are done. */
  erased: z.object({ events: count, sessions: count, hits: count }).optional(),
});

export type ErasureRecord = z.infer<typeof erasureRecord>;
