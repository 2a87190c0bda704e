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
} from './port.js';
export { selectsVisitors } from './port.js';
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
export {
  createElasticsearchClient,
  ElasticsearchEventStore,
} from './elasticsearch/elasticsearch-event-store.js';
export { ElasticsearchSessionStore } from './elasticsearch/elasticsearch-session-store.js';
export { ElasticsearchWindowStore } from './elasticsearch/elasticsearch-window-store.js';
export { ElasticsearchHitStore } from './elasticsearch/elasticsearch-hit-store.js';
export { ElasticsearchAlertStore } from './elasticsearch/elasticsearch-alert-store.js';
export {
  eventsIndexFor,
  eventsIndexPattern,
  sessionsIndex,
  windowId,
  windowsIndexFor,
  windowsIndexPattern,
} from './elasticsearch/index-names.js';
export { EVENT_PROPERTIES, eventsTemplate } from './elasticsearch/mapping.js';
export {
  ALERT_PROPERTIES,
  DELIVERY_PROPERTIES,
  HIT_PROPERTIES,
  SESSION_PROPERTIES,
  WINDOW_PROPERTIES,
} from './elasticsearch/results-mapping.js';
export { buildQuery, exactField } from './elasticsearch/query.js';
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
export { ElasticsearchDedupeStore } from './elasticsearch/elasticsearch-dedupe-store.js';
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
