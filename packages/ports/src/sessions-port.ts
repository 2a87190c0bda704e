import type { RetentionCutoffs, SessionRecord } from '@sightline/contract';
import { selectsVisitors, type EventFilter, type TimeRange } from './events-port.js';

/**
 * Fields a visit keeps from its first event, which dashboard filters (`eq`, `neq`) can select
 * visits by: where it came from, and the visitor's device and country.
 */
export const VISIT_FILTER_FIELDS: ReadonlySet<string> = new Set([
  'referrerHost',
  'channel',
  'utm.source',
  'utm.campaign',
  'device',
  'browser',
  'os',
  'country',
]);

/** A site's visits that started in a range, optionally only those matching every filter. */
export interface VisitQuery {
  site: string;
  range: TimeRange;
  /**
   * On VISIT_FILTER_FIELDS only, `eq` or `neq`, or visitors who reached something (`reached`,
   * `notReached`: their events within the range); a store throws on any other.
   */
  filters?: EventFilter[];
}

/** Whether a filter can select visits (see VisitQuery.filters). */
export const isVisitFilter = (f: EventFilter) =>
  selectsVisitors(f) || (VISIT_FILTER_FIELDS.has(f.field) && (f.op === 'eq' || f.op === 'neq'));

/** The filters as visit filters, or why they cannot select visits. */
export function visitFilters(filters: EventFilter[]): EventFilter[] | { refused: string } {
  const other = filters.find((f) => !isVisitFilter(f));
  return other
    ? { refused: `a filter on "${other.field}" (${other.op}) does not apply to visits` }
    : filters;
}

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
  visitStats(query: VisitQuery): Promise<VisitStats>;
  /**
   * The site's visits that started in the range (open ones as they are now), counted per entry
   * or exit page, most first (ties by page), visits without one left out.
   */
  topVisits(
    query: VisitQuery & { dimension: VisitDimension; limit: number },
  ): Promise<{ key: string; visits: number }[]>;
  /** A site's visits that started in the range (optionally one visitor's), latest first. */
  sessions(query: VisitQuery & { visitor?: string; limit: number }): Promise<SessionRecord[]>;
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
