/**
 * The ports: what the apps need from the bus, the stores and the configuration, with the neutral
 * logic every adapter shares. Adapters (Kafka, Elasticsearch, InfluxDB, DuckDB, LevelDB, files)
 * live in their own packages and depend on this one, never the other way round.
 */
export type {
  ActivityQuery,
  ActivityRow,
  AppendResult,
  ConversionCounts,
  ConversionQuery,
  EventFilter,
  EventOrigin,
  EventQuery,
  EventStore,
  FilterOperator,
  FunnelQuery,
  FunnelStep,
  GroupBucket,
  ScanCursor,
  ScanQuery,
  SearchQuery,
  SearchResult,
  TargetCounts,
  TimeBucket,
  TimeRange,
  TopQuery,
} from './events-port.js';
export { selectsVisitors } from './events-port.js';
export {
  EVENT_FIELDS,
  LIST_FIELDS,
  OBJECT_FIELDS,
  resolveField,
  type ResolvedField,
} from './event-fields.js';
export {
  VISIT_FILTER_FIELDS,
  isVisitFilter,
  visitFilters,
  type SessionStore,
  type VisitDimension,
  type VisitQuery,
  type VisitStats,
} from './sessions-port.js';
export type { WindowStore } from './windows-port.js';
export type { HitQuery, HitStore } from './hits-port.js';
export type { AlertQuery, AlertStore, DeliveryQuery } from './alerts-port.js';
export { latestPerRule, latestStates } from './alert-states.js';
export type { DedupeStore, IdClaim } from './dedupe-port.js';
export { decideClaims } from './dedupe/decide-claims.js';
export {
  DEDUPE_SCOPE_MS,
  earliestOwner,
  generationOf,
  generationsToRead,
  oldestKept,
  ownerOf,
} from './dedupe/generations.js';
export type { DeadLetterStore, DeadLetterSummary } from './dead-letters-port.js';
export {
  firstMatches,
  funnelProgress,
  funnelStep,
  median,
  nextStep,
  type StepTime,
} from './funnel/funnel-progress.js';
export { targetFilters } from './conversion-filters.js';
export type {
  BatchContext,
  Bus,
  CommitMode,
  IncomingMessage,
  OutgoingMessage,
  PartitionBatch,
  PartitionLag,
  SubscribeOptions,
  Subscription,
  TopicPartition,
} from './bus-port.js';
export { Abandoned, retryUntilDone, type RetryOptions } from './bus/retry-until-done.js';
export {
  CONFIG_KINDS,
  type ConfigChange,
  type ConfigKind,
  type ConfigStore,
} from './config-port.js';
export {
  SERIES_FIELD,
  type MetricsStore,
  type SeriesPoint,
  type SeriesQuery,
} from './metrics-port.js';
export type { StoreSet } from './store-set.js';
