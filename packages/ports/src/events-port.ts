import type { CollectedEvent, RetentionCutoffs } from '@sightline/contract';

/** Half-open time range [from, to), epoch ms. */
export interface TimeRange {
  from: number;
  to: number;
}

/**
 * `match` takes a path pattern: `*` matches within one segment, `**` across segments, the rest
 * itself (as the contract's pathRegExp), and the whole value must match. `reached` and
 * `notReached` select visitors rather than events (see EventFilter.events).
 */
export type FilterOperator =
  'eq' | 'neq' | 'prefix' | 'exists' | 'match' | 'reached' | 'notReached';

/**
 * A condition on any event field, by its contract name: `path`, `browser`, `utm.source`,
 * `props.plan` (custom properties), `items.id` …
 *
 * With `reached` (field `visitor`), the events of visitors who had, in the query's range, an
 * event matching every one of `events` (a goal's); with `notReached`, of every other visitor.
 */
export interface EventFilter {
  field: string;
  op: FilterOperator;
  value?: string | number | boolean;
  events?: EventFilter[];
}

/** Whether a filter selects visitors by what they did (a goal reached) rather than events. */
export const selectsVisitors = (filter: EventFilter) =>
  filter.op === 'reached' || filter.op === 'notReached';

export interface EventQuery {
  site: string;
  range: TimeRange;
  filters?: EventFilter[];
  /** Bots are left out of analytics unless asked for. */
  includeBots?: boolean;
}

export interface SearchQuery extends EventQuery {
  limit: number;
  order?: 'asc' | 'desc';
}

/** Where a scan stopped: the last event it returned, in (ts, id) order. */
export interface ScanCursor {
  ts: number;
  id: string;
}

export interface ScanQuery extends EventQuery {
  limit: number;
  /** Events after this one only (the last of the previous page). */
  after?: ScanCursor;
}

export interface SearchResult {
  events: CollectedEvent[];
  /** Matching events in all (may be more than returned). */
  total: number;
}

export interface TimeBucket {
  time: number;
  events: number;
  visitors: number;
}

export interface GroupBucket {
  key: string;
  events: number;
  visitors: number;
  /** The sum of the query's `sum` field over the bucket's events (when asked). */
  sum?: number;
}

export interface AppendResult {
  /** Newly stored events. */
  created: number;
  /**
   * Events whose id was already stored: harmless repeats of a replay or retry (0 where the store
   * does not look ids up: see EventStore.append).
   */
  duplicates: number;
  /** Events the store refused for good (never retried), with the store's reason. */
  rejected: { id: string; reason: string }[];
}

/** One visitor's activity from one address and country in one step (a minute, say). */
export interface ActivityRow {
  start: number;
  visitor: string;
  ip?: string;
  country?: string;
  events: number;
  pageviews: number;
}

export interface ActivityQuery extends EventQuery {
  stepMs: number;
  /** Rows with fewer events are left out (the "more than one click a minute" of a recipe). */
  minEvents?: number;
  limit: number;
}

export interface TopQuery extends EventQuery {
  dimension: string;
  limit: number;
  sum?: string;
}

/** Steps of a funnel, each the filters an event must match to reach it. */
export interface FunnelQuery extends EventQuery {
  steps: EventFilter[][];
}

/** One step of a funnel over a range. */
export interface FunnelStep {
  /**
   * Visits (event `session`s) that reached this step after every step before it, in order: the
   * first step at its first event, each next one at its first event at or after that.
   */
  visits: number;
  /** Median milliseconds from the step before to this one, over those visits (not the first). */
  medianMs?: number;
}

/**
 * Conversions over a range: each target (a goal) is the filters an event must match to reach it,
 * on top of the query's own filters.
 */
export interface ConversionQuery extends EventQuery {
  targets: EventFilter[][];
}

/** One target's conversions over a range. */
export interface TargetCounts {
  /** Visitors with at least one matching event. */
  visitors: number;
  /** Matching events. */
  events: number;
  /** The matching events' `value`, summed per `currency` (events without both add nothing). */
  revenue: Record<string, number>;
}

export interface ConversionCounts {
  /** Every visitor of the range (the rate's denominator). */
  visitors: number;
  /** In the order of the query's targets. */
  targets: TargetCounts[];
}

/** Where a batch of events was read: a partition of the events topic, an offset per event. */
export interface EventOrigin {
  partition: number;
  offsets: number[];
}

/** Raw events: the permanent record every other view can be recomputed from. */
export interface EventStore {
  /** Creates templates, tables or indices if missing. Idempotent. */
  ensureSchema(): Promise<void>;
  /**
   * Stores events durably. Throws when the store is unavailable, so the caller retries; never
   * half-applies silently. `origin` says which message of which partition of the events topic
   * carried each event (offsets in the events' order), for stores that key on it.
   *
   * Who stores an event id once: Elasticsearch uses it as the document id (a repeat counts as a
   * duplicate); the embedded store appends what it is given and keeps no index of ids. There the
   * processor appends only the events its messages own in the ledger of counted ids
   * (DedupeStore), and rewinds a partition before it reads it again from its last commit, so a
   * replay stores nothing twice.
   */
  append(events: CollectedEvent[], origin?: EventOrigin): Promise<AppendResult>;
  /**
   * Forgets the raw events read from `fromOffset` of `partition` on: a processor that resumes
   * from its last commit appends them again. Only stores that do not deduplicate by id have it.
   */
  rewind?(partition: number, fromOffset: number): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /**
   * Matching events oldest first, in (ts, id) order, after `after`: page by page, so an export
   * of any size holds one page in memory. Counts nothing, unlike `search`.
   */
  scan(query: ScanQuery): Promise<CollectedEvent[]>;
  /**
   * Deletes every record of these visitors of the site (a person's right to erasure); resolves
   * with how many were deleted, once what remains is what queries see.
   */
  erase(site: string, visitors: string[]): Promise<number>;
  /**
   * Deletes what is past retention: each listed site's records older than its cutoff, every
   * other site's older than \`others\`; resolves with how many went.
   */
  expire(cutoffs: RetentionCutoffs): Promise<number>;
  /** Events and unique visitors per step over the range (empty steps included). */
  timeseries(query: EventQuery & { stepMs: number }): Promise<TimeBucket[]>;
  /**
   * The top values of one dimension by events, with unique visitors, and with `sum` the sum of
   * that numeric field (events without it add nothing).
   */
  topN(query: TopQuery): Promise<GroupBucket[]>;
  /**
   * Per visitor, address and country: events and page views in each step (tumbling), ordered by
   * step, then visitor, address and country (missing values first).
   */
  activity(query: ActivityQuery): Promise<ActivityRow[]>;
  /**
   * The range's visitors and each target's visitors, events and revenue, read together (one pass
   * where the store can), so a dashboard of many goals costs about one query.
   */
  conversions(query: ConversionQuery): Promise<ConversionCounts>;
  /** How many visits reached each step of a funnel in order, and how long each step took. */
  funnel(query: FunnelQuery): Promise<FunnelStep[]>;
  /**
   * Starts, in the background, whatever makes this funnel quick to answer over such a range
   * (a store that follows funnels from the events as asked has nothing to do).
   */
  prepareFunnel?(query: FunnelQuery): void;
  check(): Promise<void>;
  close(): Promise<void>;
}
