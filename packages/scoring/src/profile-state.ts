import type { CollectedEvent, EvidenceItem, ProfileConfig } from '@sightline/contract';
import { matchesEvidence, type DerivedSignals } from './evidence-match.js';
import { clippedLogLr, decayFactor, logit, sigmoid } from './log-odds.js';
import { normalisePattern, type PathOptions } from './pages/normalise-path.js';

/** An occurrence counted from a page view that may still be taken back (see `settle`). */
interface Provisional {
  page: string;
  ts: number;
  /** The path it set for `distinct: 'path'`, and what that path held before. */
  path?: { key: string; before: number | undefined };
}

/** What one evidence item has added for one visitor (or one page view, when page-scoped). */
interface ItemState {
  /** Occurrences counted, decayed with event time like the evidence they carry. */
  weight: number;
  /** When each path last counted, for `distinct: 'path'`. */
  paths: Map<string, number>;
  provisional: Provisional[];
}

type Items = Map<string, ItemState>;

/** A requirement holds while at least half an occurrence of its evidence remains. */
const REQUIRED_WEIGHT = 0.5;
const EPSILON = 1e-9;

export interface Contribution {
  id: string;
  /** Log-odds it adds now. */
  contribution: number;
  /** Occurrences it counts now (decayed). */
  weight: number;
}

/**
 * One visitor's evidence for one profile: contributions that decay by event time. Evidence
 * scoped to the visit is shared by the visitor's tabs; evidence scoped to a page belongs to its
 * page view, so another tab's pages never wipe it. The score is read on a page view: the visit's
 * evidence and that page's.
 */
export class ProfileState {
  private readonly visit: Items = new Map();
  private readonly byPage = new Map<string, Items>();
  private readonly priorLogOdds: number;
  private readonly logLrs = new Map<string, number>();
  private readonly evidence: EvidenceItem[];
  private lastTs: number | undefined;
  /** Off after a hit, until the score falls below the profile's re-arm level. */
  armed = true;
  /** The page view of the last hit: only its own score, or leaving it, re-arms the profile. */
  firedOn: string | undefined;
  /** Hits so far: each opens an episode, whose number makes the hit's id. */
  episodes = 0;

  constructor(
    readonly profile: ProfileConfig,
    pathOptions: PathOptions = {},
  ) {
    this.priorLogOdds = logit(profile.prior);
    // Patterns spelled as the normalised paths they are matched against.
    this.evidence = profile.evidence.map((item) => {
      const path = item.when.path;
      if (path === undefined) return item;
      const normal =
        typeof path === 'string'
          ? normalisePattern(path, pathOptions)
          : path.map((p) => normalisePattern(p, pathOptions));
      return { ...item, when: { ...item.when, path: normal } };
    });
  }

  /** Moves the clock to `ts` (event time): every contribution decays by the time elapsed. */
  decayTo(ts: number): void {
    if (this.lastTs !== undefined && ts > this.lastTs) {
      const factor = decayFactor(ts - this.lastTs, this.profile.halfLifeMs);
      for (const items of [this.visit, ...this.byPage.values()])
        for (const item of items.values()) item.weight *= factor;
    }
    if (this.lastTs === undefined || ts > this.lastTs) this.lastTs = ts;
  }

  /**
   * Adds the event's evidence, counted for its page view `page`. `derived.pageOpenMs` is how long
   * that page has been open: a scroll deeper than the profile's pace allows by then is not
   * believed. Returns whether anything changed.
   */
  observe(event: CollectedEvent, derived: DerivedSignals, page: string): boolean {
    if (
      event.type === 'scroll' &&
      event.depth * this.profile.pace.scrollMsPerPercent > derived.pageOpenMs
    )
      return false;
    let changed = false;
    for (const evidence of this.evidence) {
      if (!matchesEvidence(evidence.when, event, derived)) continue;
      const items = evidence.scope === 'page' ? this.pageItems(page) : this.visit;
      changed = this.count(items, evidence, event, page) || changed;
    }
    return changed;
  }

  /**
   * A page view has been open `openMs`: long enough for the profile's pace, what it counted
   * stands; not long enough and `left` (the visitor moved on in its tab), it is taken back — a
   * page passed through in a blink is not interest.
   */
  settle(page: string, openMs: number, left: boolean, ts: number): void {
    const stands = openMs >= this.profile.pace.minPageMs;
    if (!stands && !left) return;
    for (const items of [this.visit, this.byPage.get(page)]) {
      if (!items) continue;
      for (const item of items.values()) {
        if (item.provisional.length === 0) continue;
        item.provisional = item.provisional.filter((occurrence) => {
          if (occurrence.page !== page) return true;
          if (!stands) this.takeBack(item, occurrence, ts);
          return false;
        });
      }
    }
  }

  /** Forgets a page view's own evidence (it is no longer kept); what it gave the visit stays. */
  forgetPage(page: string): void {
    this.byPage.delete(page);
    for (const item of this.visit.values())
      item.provisional = item.provisional.filter((occurrence) => occurrence.page !== page);
  }

  /** A new visit: evidence is scoped to a visit at most. */
  endVisit(): void {
    this.visit.clear();
    this.byPage.clear();
  }

  /** Probability of the profile on page view `page`, given the evidence so far. */
  scoreOn(page: string | undefined): number {
    let sum = this.priorLogOdds;
    for (const items of this.scoped(page))
      for (const [id, item] of items) sum += item.weight * this.logLr(id);
    return sigmoid(sum);
  }

  /** Whether every required evidence item is held on page view `page`. */
  requirementsMetOn(page: string | undefined): boolean {
    const scoped = this.scoped(page);
    return this.profile.requires.every(
      (id) =>
        scoped.reduce((sum, items) => sum + (items.get(id)?.weight ?? 0), 0) >= REQUIRED_WEIGHT,
    );
  }

  /** Contributions on page view `page`, largest in size first. */
  contributions(page: string | undefined, limit = 3): Contribution[] {
    return this.scoped(page)
      .flatMap((items) => [...items])
      .filter(([, item]) => item.weight > EPSILON)
      .map(([id, item]) => ({
        id,
        contribution: item.weight * this.logLr(id),
        weight: Math.round(item.weight * 1_000) / 1_000,
      }))
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.id < b.id ? -1 : 1))
      .slice(0, limit);
  }

  private scoped(page: string | undefined): Items[] {
    const own = page === undefined ? undefined : this.byPage.get(page);
    return own ? [this.visit, own] : [this.visit];
  }

  private pageItems(page: string): Items {
    let items = this.byPage.get(page);
    if (!items) this.byPage.set(page, (items = new Map<string, ItemState>()));
    return items;
  }

  private count(items: Items, evidence: EvidenceItem, event: CollectedEvent, page: string) {
    let item = items.get(evidence.id);
    if (!item) {
      item = { weight: 0, paths: new Map(), provisional: [] };
      items.set(evidence.id, item);
    }
    // The cap is on the evidence still held: as it fades, new occurrences count again.
    if (item.weight >= evidence.max - EPSILON) return false;
    const occurrence: Provisional = { page, ts: event.ts };
    if (evidence.distinct === 'path') {
      const key = event.path;
      const last = item.paths.get(key);
      if (last !== undefined && event.ts - last < this.profile.halfLifeMs) return false;
      occurrence.path = { key, before: last };
      item.paths.set(key, event.ts);
    }
    item.weight = Math.min(evidence.max, item.weight + 1);
    // Only a page view's own occurrence waits on how long the page stays open.
    if (event.type === 'pageview') item.provisional.push(occurrence);
    return true;
  }

  private takeBack(item: ItemState, occurrence: Provisional, ts: number): void {
    item.weight = Math.max(
      0,
      item.weight - decayFactor(ts - occurrence.ts, this.profile.halfLifeMs),
    );
    if (occurrence.path) {
      const { key, before } = occurrence.path;
      if (before === undefined) item.paths.delete(key);
      else item.paths.set(key, before);
    }
  }

  private logLr(id: string): number {
    let value = this.logLrs.get(id);
    if (value === undefined) {
      const evidence = this.profile.evidence.find((item) => item.id === id);
      value = evidence ? clippedLogLr(evidence.lr) : 0;
      this.logLrs.set(id, value);
    }
    return value;
  }
}
