export { CONTRACT_VERSION } from './version.js';
export { LIMITS, type Limits } from './limits.js';
export * from './primitives.js';
export { stableHash } from './stable-hash.js';
export { envelope, envelopeShape, type Envelope } from './envelope.js';
export {
  enrichment,
  enrichmentShape,
  utm,
  CHANNELS,
  DEVICE_TYPES,
  type Enrichment,
  type Channel,
  type DeviceType,
} from './enrichment.js';
export {
  clientEvent,
  collectedEvent,
  EVENT_TYPES,
  type ClientEvent,
  type CollectedEvent,
  type CollectedEventOf,
  type EventOf,
  type EventType,
} from './event.js';
export { item, currency } from './events/ecommerce.js';
export { cursorPoint } from './events/cursor.js';
export { collectBatch, collectRequest, type CollectBatch, type CollectRequest } from './batch.js';
export { repairStrings, repairText } from './repair-strings.js';
export {
  validateEvents,
  formatIssues,
  type EventRefusal,
  type EventRejection,
  type EventsValidation,
  type RejectionReason,
  type ValidationIssue,
} from './validate.js';
export { contractJsonSchemas } from './json-schema.js';
export { allowedOrigin, queryParamName, siteConfig, type SiteConfig } from './config/site.js';
export {
  aggregatesCutoff,
  cutoffOf,
  earliestCutoff,
  eventsCutoff,
  RETENTION_AGGREGATES_MONTHS_MAX,
  RETENTION_EVENTS_DAYS_MAX,
  retentionPlan,
  siteRetention,
  type RetentionCutoffs,
  type RetentionDefaults,
  type RetentionPlan,
  type SiteRetention,
} from './config/retention.js';
export {
  ERASURE_VISITORS_MAX,
  erasureRecord,
  erasureRequest,
  type ErasureRecord,
  type ErasureRequest,
} from './config/erasure.js';
export {
  conversionTarget,
  funnel,
  goal,
  goalId,
  type ConversionTarget,
  type Funnel,
  type Goal,
} from './config/goal.js';
export {
  ROLES,
  apiKeyRecord,
  email,
  loginSession,
  role,
  userRecord,
  type ApiKeyRecord,
  type LoginSession,
  type Role,
  type UserRecord,
} from './config/account.js';
export {
  DERIVED_SIGNALS,
  assistanceContent,
  deliveryRules,
  humanPace,
  evidenceItem,
  evidenceMatcher,
  fieldCondition,
  pathPattern,
  profileConfig,
  profileId,
  type EvidenceItem,
  type EvidenceMatcher,
  type ProfileConfig,
  type ProfileInput,
} from './config/profile.js';
export { assistanceMessage, type AssistanceMessage } from './messages/assistance.js';
export { readJsonMessage } from './messages/read-json-message.js';
export {
  HIT_OUTCOMES,
  SUPPRESSION_REASONS,
  profileHit,
  type ProfileHit,
} from './messages/profile-hit.js';
export {
  decodeEventsMessage,
  encodeEventsMessage,
  eventsMessage,
  joinEventsMessage,
  encodeClockMessage,
  readEventsTopicMessage,
  CLOCK_KEY,
  type EventsMessage,
  type EventsTopicMessage,
} from './messages/events-message.js';
export {
  WINDOW_MS,
  emptyWindowMetrics,
  windowAggregate,
  windowMetrics,
  type WindowAggregate,
  type WindowMetrics,
} from './messages/window-aggregate.js';
export {
  addWindowMetrics,
  SCROLL_QUARTERS,
  WINDOW_COUNT_MAPS,
  WINDOW_COUNTERS,
  WINDOW_FIELDS,
  windowFields,
} from './messages/window-sums.js';
export { sessionRecord, type SessionRecord } from './records/session.js';
export { matchesPath, pathRegExp } from './path-match.js';
export {
  ALERT_METRICS,
  PATH_METRICS,
  alertCondition,
  alertRule,
  alertRuleId,
  channelId,
  type AlertCondition,
  type AlertMetric,
  type AlertRule,
  type AlertRuleInput,
} from './config/alert-rule.js';
export {
  CHANNEL_TYPES,
  alertChannel,
  type AlertChannel,
  type ChannelType,
} from './config/alert-channel.js';
export {
  ALERT_STATES,
  alertEvent,
  alertId,
  type AlertEvent,
  type AlertState,
} from './messages/alert-event.js';
export { alertDelivery, type AlertDelivery } from './records/alert-delivery.js';
export {
  DEAD_LETTER_RECORD_CHARS,
  DEAD_LETTER_STAGES,
  deadLetter,
  deadLetterOf,
  type DeadLetter,
} from './records/dead-letter.js';
export { isStoreRefusal, StoreRefusedError } from './store-refusal.js';
export { MAX_STORABLE_TS, unprocessableEvent } from './messages/unprocessable-event.js';
