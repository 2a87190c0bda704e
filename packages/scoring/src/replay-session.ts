import type { CollectedEvent, ProfileConfig } from '@sightline/contract';
import type { PathOptions } from './pages/normalise-path.js';
import { VisitorScorer, type ScoredHit } from './visitor-scorer.js';

export interface ReplayPoint {
  eventId: string;
  ts: number;
  type: CollectedEvent['type'];
  path: string;
  /** The profile's probability after this event. */
  score: number;
  /** What the assistant would have decided on this event, when the profile fired. */
  hit?: Pick<ScoredHit, 'outcome' | 'reason'>;
}

/**
 * A recorded visitor's events replayed against one profile (a draft or a saved one, enabled or
 * not), in the order the assistant would have read them: the score after each event and where
 * it would have fired, with the site's path options as the assistant reads its paths.
 * Deterministic, like the assistant itself.
 */
export function replaySession(
  profile: ProfileConfig,
  events: CollectedEvent[],
  pathOptions: PathOptions = {},
): ReplayPoint[] {
  const first = events[0];
  if (!first) return [];
  const scorer = new VisitorScorer(
    [{ ...profile, enabled: true }],
    profile.site,
    first.visitor,
    pathOptions,
  );
  const ordered = [...events].sort((a, b) => a.receivedAt - b.receivedAt || a.ts - b.ts);
  return ordered.map((event) => {
    const [hit] = scorer.apply(event);
    return {
      eventId: event.id,
      ts: event.ts,
      type: event.type,
      path: event.path,
      score: scorer.scores()[profile.id] ?? profile.prior,
      ...(hit
        ? { hit: { outcome: hit.outcome, ...(hit.reason ? { reason: hit.reason } : {}) } }
        : {}),
    };
  });
}
