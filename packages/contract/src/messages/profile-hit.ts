import { z } from 'zod';
import { profileId } from '../config/profile.js';
import { epochMs, opaqueId, siteKey } from '../primitives.js';
import { CONTRACT_VERSION } from '../version.js';

/** What became of a hit: its message sent, held back for the holdout, or suppressed (why). */
export const HIT_OUTCOMES = ['sent', 'holdout', 'suppressed'] as const;
export const SUPPRESSION_REASONS = [
  'priority',
  'session-cap',
  'cooldown',
  'dismissed',
  'never-again',
] as const;

/**
 * A visitor reached a profile's threshold: on the `profile-hits` topic for the admin app's feed
 * and the per-profile statistics. The id is the same for the same visitor, profile and episode,
 * so a replay after a restart repeats no hit.
 */
export const profileHit = z.object({
  v: z.literal(CONTRACT_VERSION),
  id: z.string().min(1).max(200),
  site: siteKey,
  visitor: opaqueId,
  session: opaqueId,
  profileId,
  /** Probability reached (0–1) and the threshold it crossed. */
  score: z.number().min(0).max(1),
  threshold: z.number().min(0).max(1),
  /** The largest contributions in log-odds, largest first, with the occurrences (decayed) behind each. */
  evidence: z
    .array(z.object({ id: profileId, contribution: z.number(), weight: z.number().min(0) }))
    .max(32),
  outcome: z.enum(HIT_OUTCOMES),
  reason: z.enum(SUPPRESSION_REASONS).optional(),
  /** The assistance message sent, when one was. */
  messageId: z.string().min(1).max(200).optional(),
  /** The event that crossed the threshold: its id, event time and ingest time. */
  eventId: opaqueId,
  eventTs: epochMs,
  receivedAt: epochMs,
  /** When the chatbot decided (its clock): receivedAt → firedAt is the scoring latency. */
  firedAt: epochMs,
});

export type ProfileHit = z.infer<typeof profileHit>;
