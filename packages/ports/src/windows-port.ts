import type { RetentionCutoffs, WindowAggregate } from '@sightline/contract';
import type { TimeRange } from './events-port.js';

/** The processor's 10-second window results, as documents. */
export interface WindowStore {
  ensureSchema(): Promise<void>;
  /**
   * Stores windows, each replacing any earlier write of the same site, start and partition (a
   * partial by a later partial or the final; a replayed window by its identical self).
   */
  writeWindows(windows: WindowAggregate[]): Promise<void>;
  /** A site's windows starting in the range, one per start and partition, by start. */
  windows(query: { site: string; range: TimeRange }): Promise<WindowAggregate[]>;
  /**
   * Deletes what is past retention: each listed site's records older than its cutoff, every
   * other site's older than `others`; resolves with how many went.
   */
  expire(cutoffs: RetentionCutoffs): Promise<number>;
}
