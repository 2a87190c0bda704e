import type { CollectedEvent, ProfileConfig, ProfileHit } from '@sightline/contract';
import { inHoldout } from './holdout.js';
import { normalisePath, type PathOptions } from './pages/normalise-path.js';
import { openFor, PageViews } from './pages/page-views.js';
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

/** Visits of a visitor remembered as over: a late event of one is not scored. */
const ENDED_VISITS_KEPT = 8;

/**
 * Everything the assistant knows of one visitor: their evidence for each profile of their site,
 * their page views (per tab), and what was shown to them. `apply` is deterministic: the same
 * events in the same order give the same scores and hits, whenever and wherever they are replayed.
 *
 * Only plausible human behaviour counts: bots are not scored; a page view counts once its page
 * stayed open long enough (one left sooner in its tab is taken back), a scroll depth only at a
 * reachable pace, active time only up to the time the page has been open (server clock). Evidence
 * ends with the visit.
 */
export class VisitorScorer {
  private readonly states: ProfileState[];
  /** The visitor's last event ids, to drop repeats (a retry, a replayed message). */
  private readonly seen = new RecentIds();
  private readonly pages = new PageViews();
  /** The page view of the latest event (what the simulator's score is read on). */
  private lastPage: string | undefined;
  private session: string | undefined;
  private readonly endedVisits: string[] = [];
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
    private readonly pathOptions: PathOptions = {},
  ) {
    this.states = profiles
      .filter((profile) => profile.enabled && profile.site === site)
      .map((profile) => new ProfileState(profile, pathOptions));
  }

  /** Scores one event; returns the hits it caused (most events cause none). */
  apply(input: CollectedEvent): ScoredHit[] {
    if (this.seen.seenOrAdd(input.id)) return [];
    this.lastSeenAt = Math.max(this.lastSeenAt, input.receivedAt);
    // Bots are never scored, messaged or counted as hits; nor is a visitor without consent.
    if (input.bot || !input.personalisation) return [];
    if (!this.enterVisit(input.session)) return [];
    const path = normalisePath(input.path, this.pathOptions);
    const event = path === input.path ? input : { ...input, path };
    if (event.type === 'assistance_dismissed') {
      this.dismissedInSession.add(event.profileId);
      if (event.never) this.neverAgain.add(event.profileId);
    }

    const pageId = event.page ?? `path:${path}`;
    const seen = this.pages.see(pageId, event.tab ?? '', event, event.type === 'pageview');
    const { page } = seen;
    for (const dropped of seen.dropped) for (const state of this.states) state.forgetPage(dropped);
    this.lastPage = pageId;
    if (event.type === 'heartbeat') this.pages.addActive(page, event.activeMs, event);
    const pageOpenMs = openFor(page, event);
    const derived = { pageActiveSeconds: page.activeMs / 1_000, pageOpenMs };

    const candidates: ProfileState[] = [];
    for (const state of this.states) {
      state.decayTo(event.ts);
      // What the page the visitor just left in this tab, and this one so far, have shown.
      if (seen.left) state.settle(seen.left.id, openFor(seen.left, event), true, event.ts);
      state.settle(pageId, pageOpenMs, false, event.ts);
      state.observe(event, derived, pageId);
      const score = state.scoreOn(pageId);
      if (!state.armed && score < state.profile.delivery.rearmBelow && this.mayRearm(state, pageId))
        state.armed = true;
      if (state.armed && score >= state.profile.threshold && state.requirementsMetOn(pageId))
        candidates.push(state);
    }
    return candidates.length === 0 ? [] : this.decide(candidates, input, pageId);
  }

  /**
   * A low score re-arms a profile when it is read on the page it fired on, or once that page is
   * left (or forgotten): another tab's page, scored without this page's evidence, does not.
   */
  private mayRearm(state: ProfileState, page: string): boolean {
    if (state.firedOn === undefined || state.firedOn === page) return true;
    const fired = this.pages.get(state.firedOn);
    return fired === undefined || fired.leftAt !== undefined;
  }

  /**
   * Follows the visitor's visits: a new one starts with no evidence (caps per visit reset too);
   * an event of a visit already over is not scored. Returns whether to score the event.
   */
  private enterVisit(session: string): boolean {
    if (session === this.session) return true;
    if (this.endedVisits.includes(session)) return false;
    if (this.session !== undefined) {
      this.endedVisits.push(this.session);
      if (this.endedVisits.length > ENDED_VISITS_KEPT) this.endedVisits.shift();
    }
    this.session = session;
    this.sentInSession.clear();
    this.dismissedInSession.clear();
    this.pages.clear();
    for (const state of this.states) state.endVisit();
    return true;
  }

  /** Which of the profiles that crossed their threshold is shown, and why the others are not. */
  private decide(candidates: ProfileState[], event: CollectedEvent, page: string): ScoredHit[] {
    const margin = (state: ProfileState) => state.scoreOn(page) - state.profile.threshold;
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
      state.firedOn = page;
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
        score: state.scoreOn(page),
        evidence: state.contributions(page),
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

  /** Current score per profile, on the latest page view (for the simulator and tests). */
  scores(): Record<string, number> {
    return Object.fromEntries(
      this.states.map((state) => [state.profile.id, state.scoreOn(this.lastPage)]),
    );
  }
}
