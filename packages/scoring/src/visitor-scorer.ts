import type { CollectedEvent, ProfileConfig, ProfileHit } from '@sightline/contract';
import { inHoldout } from './holdout.js';
import { ProfileState, type Contribution } from './profile-state.js';
import { RecentIds } from './recent-ids.js';

export interface ScoredHit {
  /** The same for the same site, visitor, profile and episode: replays repeat no hit. */
  id: string;
  profile: ProfileConfig;
  score: number;
  evidence: Contribution[];
  outcome: ProfileHit['outcome'];
  reason?: NonNullable<ProfileHit['reason']>;
  /** The event that crossed the threshold. */
  event: CollectedEvent;
}

/**
 * Everything the assistant knows of one visitor: their evidence for each profile of their site,
 * the page they are on, and what was shown to them. `apply` is deterministic: the same events in
 * the same order give the same scores and hits, whenever and wherever they are replayed.
 */
export class VisitorScorer {
  private readonly states: ProfileState[];
  /** The visitor's last event ids, to drop repeats (a retry, a replayed message). */
  private readonly seen = new RecentIds();
  private page: string | undefined;
  private pageActiveMs = 0;
  private session: string | undefined;
  private readonly sentInSession = new Map<string, number>();
  private readonly dismissedInSession = new Set<string>();
  private readonly neverAgain = new Set<string>();
  private readonly lastSentAt = new Map<string, number>();
  /** Ingest time of the latest event: visitors quiet for long are dropped by the owner. */
  lastSeenAt = 0;

  constructor(
    profiles: ProfileConfig[],
    readonly site: string,
    readonly visitor: string,
  ) {
    this.states = profiles
      .filter((profile) => profile.enabled && profile.site === site)
      .map((profile) => new ProfileState(profile));
  }

  /** Scores one event; returns the hits it caused (most events cause none). */
  apply(event: CollectedEvent): ScoredHit[] {
    if (this.seen.seenOrAdd(event.id)) return [];
    this.lastSeenAt = Math.max(this.lastSeenAt, event.receivedAt);
    // Without consent to personalisation the visitor is not scored at all.
    if (!event.personalisation) return [];
    if (event.session !== this.session) {
      this.session = event.session;
      this.sentInSession.clear();
      this.dismissedInSession.clear();
    }
    if (event.type === 'assistance_dismissed') {
      this.dismissedInSession.add(event.profileId);
      if (event.never) this.neverAgain.add(event.profileId);
    }
    if (event.page !== this.page) {
      this.page = event.page;
      this.pageActiveMs = 0;
      for (const state of this.states) state.leavePage();
    }
    if (event.type === 'heartbeat') this.pageActiveMs += event.activeMs;
    const derived = { pageActiveSeconds: this.pageActiveMs / 1_000 };

    const candidates: ProfileState[] = [];
    for (const state of this.states) {
      state.decayTo(event.ts);
      state.observe(event, derived);
      const score = state.score;
      if (!state.armed && score < state.profile.delivery.rearmBelow) state.armed = true;
      if (state.armed && score >= state.profile.threshold && state.requirementsMet)
        candidates.push(state);
    }
    return candidates.length === 0 ? [] : this.decide(candidates, event);
  }

  /** Which of the profiles that crossed their threshold is shown, and why the others are not. */
  private decide(candidates: ProfileState[], event: CollectedEvent): ScoredHit[] {
    const margin = (state: ProfileState) => state.score - state.profile.threshold;
    candidates.sort(
      (a, b) =>
        b.profile.priority - a.profile.priority ||
        margin(b) - margin(a) ||
        (a.profile.id < b.profile.id ? -1 : 1),
    );
    let shown = false;
    return candidates.map((state) => {
      const { profile } = state;
      state.armed = false;
      state.episodes++;
      const reason = this.suppression(profile, event.ts) ?? (shown ? 'priority' : undefined);
      let outcome: ScoredHit['outcome'] = 'suppressed';
      if (reason === undefined) {
        shown = true;
        // The holdout is counted like a shown message (caps, cooldown) so the groups compare.
        this.sentInSession.set(profile.id, (this.sentInSession.get(profile.id) ?? 0) + 1);
        this.lastSentAt.set(profile.id, event.ts);
        outcome = inHoldout(this.visitor, profile.id, profile.holdout) ? 'holdout' : 'sent';
      }
      return {
        id: `${this.site}:${this.visitor}:${profile.id}:${state.episodes}`,
        profile,
        score: state.score,
        evidence: state.contributions(),
        outcome,
        ...(reason ? { reason } : {}),
        event,
      };
    });
  }

  private suppression(profile: ProfileConfig, ts: number): ScoredHit['reason'] {
    if (this.neverAgain.has(profile.id)) return 'never-again';
    if (this.dismissedInSession.has(profile.id)) return 'dismissed';
    if ((this.sentInSession.get(profile.id) ?? 0) >= profile.delivery.maxPerSession)
      return 'session-cap';
    const last = this.lastSentAt.get(profile.id);
    if (last !== undefined && ts - last < profile.delivery.cooldownMs) return 'cooldown';
    return undefined;
  }

  /** Current score per profile (for the simulator and tests). */
  scores(): Record<string, number> {
    return Object.fromEntries(this.states.map((state) => [state.profile.id, state.score]));
  }
}
