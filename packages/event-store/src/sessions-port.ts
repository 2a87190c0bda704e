import type { SessionRecord } from '@sightline/contract';
import type { TimeRange } from './port.js';

/** Visits that started in a range, those still going on included (counted as they are now). */
export interface VisitStats {
  visits: number;
  /** Visits of at most one page view. */
  bounces: number;
  /** Sum of first-to-last-event times. */
  durationMsSum: number;
}

/** What visits are grouped by: the page they started on, or the one they ended on. */
export type VisitDimension = 'entryPath' | 'exitPath';

/** Visits, as the processor keeps them. */
export interface SessionStore {
  ensureSchema(): Promise<void>;
  /**
   * Stores visits, each replacing the earlier write of the same id. A visit's id stands for its
   * partition and first offset (`startOffset`), which never change.
   */
  writeSessions(records: SessionRecord[]): Promise<void>;
  /**
   * The visits of one partition a processor takes back when it resumes reading at `fromOffset`
   * with windows before `closedBefore` final: open ones, those with events at or after
   * `fromOffset`, and those whose end was counted in a window at or after `closedBefore`.
   */
  sessionsToRestore(
    partition: number,
    fromOffset: number,
    closedBefore: number,
  ): Promise<SessionRecord[]>;
  /** Bounces and durations of a site's visits that started in the range, open ones included. */
  visitStats(query: { site: string; range: TimeRange }): Promise<VisitStats>;
  /**
   * The site's visits that started in the range (open ones as they are now), counted per entry
   * or exit page, most first (ties by page), visits without one left out.
   */
  topVisits(query: {
    site: string;
    range: TimeRange;
    dimension: VisitDimension;
    limit: number;
  }): Promise<{ key: string; visits: number }[]>;
  /** A site's visits that started in the range (optionally one visitor's), latest first. */
  sessions(query: {
    site: string;
    range: TimeRange;
    visitor?: string;
    limit: number;
  }): Promise<SessionRecord[]>;
}
