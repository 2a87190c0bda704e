import { createHash } from 'node:crypto';
import type { AssistanceMessage, ProfileHit } from '@sightline/contract';
import type { ScoredHit } from '@sightline/scoring';

/** A UUID derived from a hit id: the message of a hit always has the same id. */
export function messageIdOf(hitId: string): string {
  const hex = createHash('sha256').update(`assistance:${hitId}`).digest('hex');
  // Shaped as a version 8 (custom) UUID with the RFC variant bits.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The profile-hits record of a hit (every hit, whatever its outcome). */
export function profileHitOf(hit: ScoredHit, firedAt: number): ProfileHit {
  const { event, profile } = hit;
  return {
    v: 1,
    id: hit.id,
    site: event.site,
    visitor: event.visitor,
    session: event.session,
    profileId: profile.id,
    score: hit.score,
    threshold: profile.threshold,
    evidence: hit.evidence,
    outcome: hit.outcome,
    ...(hit.reason ? { reason: hit.reason } : {}),
    ...(hit.outcome === 'sent' ? { messageId: messageIdOf(hit.id) } : {}),
    eventId: event.id,
    eventTs: event.ts,
    receivedAt: event.receivedAt,
    firedAt,
  };
}

/** The message for the visitor's page, for a hit whose outcome is "sent". */
export function assistanceOf(hit: ScoredHit): AssistanceMessage {
  const { event, profile } = hit;
  return {
    v: 1,
    id: messageIdOf(hit.id),
    site: event.site,
    visitor: event.visitor,
    session: event.session,
    ...(event.page ? { page: event.page } : {}),
    profileId: profile.id,
    text: profile.message.text,
    ...(profile.message.link ? { link: profile.message.link } : {}),
    // From the event's ingest time, so a replay builds the very same message.
    createdAt: event.receivedAt,
    expiresAt: event.receivedAt + profile.message.expiresAfterMs,
  };
}
