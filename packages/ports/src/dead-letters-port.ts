import type { DeadLetter, RetentionCutoffs } from '@sightline/contract';

export interface DeadLetterSummary {
  /** Letters kept in all (or for the site asked). */
  total: number;
  /** The newest, newest first. */
  recent: DeadLetter[];
}

/**
 * Records the processor set aside (see the contract's dead letter): written before the offset
 * that passed them is committed, so none is lost; read by the admin app and /metrics.
 */
export interface DeadLetterStore {
  ensureSchema(): Promise<void>;
  /** Stores letters by id: the same letter written twice (a replay) is kept once. */
  write(letters: DeadLetter[]): Promise<void>;
  /** How many there are and the newest `limit`, for one site or (without `site`) all of them. */
  summary(query: { site?: string; limit: number }): Promise<DeadLetterSummary>;
  /**
   * Deletes what is past retention: each listed site's records older than its cutoff, every
   * other site's older than `others`; resolves with how many went.
   */
  expire(cutoffs: RetentionCutoffs): Promise<number>;
}
