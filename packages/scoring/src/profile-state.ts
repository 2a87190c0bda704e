import type { CollectedEvent, EvidenceItem, ProfileConfig } from '@sightline/contract';
import { matchesEvidence, type DerivedSignals } from './evidence-match.js';
import { clippedLogLr, decayFactor, logit, sigmoid } from './log-odds.js';

/** What one evidence item has added for one visitor. */
interface ItemState {
  /** Occurrences counted, decayed with event time like the evidence they carry. */
  weight: number;
  /** When each path last counted, for `distinct: 'path'`. */
  paths: Map<string, number>;
}

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

/** One visitor's evidence for one profile: contributions that decay by event time. */
export class ProfileState {
  private readonly items = new Map<string, ItemState>();
  private readonly priorLogOdds: number;
  private readonly logLrs = new Map<string, number>();
  private lastTs: number | undefined;
  /** Off after a hit, until the score falls below the profile's re-arm level. */
  armed = true;
  /** Hits so far: each opens an episode, whose number makes the hit's id. */
  episodes = 0;

  constructor(readonly profile: ProfileConfig) {
    this.priorLogOdds = logit(profile.prior);
  }

  /** Moves the clock to `ts` (event time): every contribution decays by the time elapsed. */
  decayTo(ts: number): void {
    if (this.lastTs !== undefined && ts > this.lastTs) {
      const factor = decayFactor(ts - this.lastTs, this.profile.halfLifeMs);
      for (const item of this.items.values()) item.weight *= factor;
    }
    if (this.lastTs === undefined || ts > this.lastTs) this.lastTs = ts;
  }

  /** Forgets evidence scoped to the page the visitor just left. */
  leavePage(): void {
    for (const evidence of this.profile.evidence)
      if (evidence.scope === 'page') this.items.delete(evidence.id);
  }

  /** Adds the event's evidence. Returns whether anything changed. */
  observe(event: CollectedEvent, derived: DerivedSignals): boolean {
    let changed = false;
    for (const evidence of this.profile.evidence) {
      if (!matchesEvidence(evidence.when, event, derived)) continue;
      changed = this.count(evidence, event.path, event.ts) || changed;
    }
    return changed;
  }

  private count(evidence: EvidenceItem, path: string | undefined, ts: number): boolean {
    let item = this.items.get(evidence.id);
    if (!item) {
      item = { weight: 0, paths: new Map() };
      this.items.set(evidence.id, item);
    }
    // The cap is on the evidence still held: as it fades, new occurrences count again.
    if (item.weight >= evidence.max - EPSILON) return false;
    if (evidence.distinct === 'path') {
      const key = path ?? '';
      const last = item.paths.get(key);
      if (last !== undefined && ts - last < this.profile.halfLifeMs) return false;
      item.paths.set(key, ts);
    }
    item.weight = Math.min(evidence.max, item.weight + 1);
    return true;
  }

  /** Probability of the profile given the evidence so far. */
  get score(): number {
    let sum = this.priorLogOdds;
    for (const [id, item] of this.items) sum += item.weight * this.logLr(id);
    return sigmoid(sum);
  }

  /** Whether every required evidence item is held (in its scope). */
  get requirementsMet(): boolean {
    return this.profile.requires.every(
      (id) => (this.items.get(id)?.weight ?? 0) >= REQUIRED_WEIGHT,
    );
  }

  /** Contributions, largest in size first. */
  contributions(limit = 3): Contribution[] {
    return [...this.items]
      .filter(([, item]) => item.weight > EPSILON)
      .map(([id, item]) => ({
        id,
        contribution: item.weight * this.logLr(id),
        weight: Math.round(item.weight * 1_000) / 1_000,
      }))
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.id < b.id ? -1 : 1))
      .slice(0, limit);
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
