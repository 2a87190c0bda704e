import type { ProfileHit, RetentionCutoffs } from '@sightline/contract';
import type { TimeRange } from './events-port.js';

export interface HitQuery {
  site: string;
  /** By the time the chatbot decided (`firedAt`). */
  range: TimeRange;
  profileId?: string;
  limit: number;
}

/** The assistant's profile hits, kept for the feed's history and the per-profile statistics. */
export interface HitStore {
  ensureSchema(): Promise<void>;
  /** Stores hits by id: a hit delivered again (with its `firedAt`) replaces itself. */
  writeHits(hits: ProfileHit[]): Promise<void>;
  /** A site's hits in the range, newest first, at most `limit`. */
  hits(query: HitQuery): Promise<ProfileHit[]>;
  /**
   * Deletes every record of these visitors of the site (a person's right to erasure); resolves
   * with how many were deleted, once what remains is what queries see.
   */
  erase(site: string, visitors: string[]): Promise<number>;
  /**
   * Deletes what is past retention: each listed site's records older than its cutoff, every
   * other site's older than `others`; resolves with how many went.
   */
  expire(cutoffs: RetentionCutoffs): Promise<number>;
}
