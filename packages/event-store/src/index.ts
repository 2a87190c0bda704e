export type {
  AppendResult,
  EventFilter,
  EventQuery,
  EventStore,
  FilterOperator,
  GroupBucket,
  SearchQuery,
  SearchResult,
  TimeBucket,
  TimeRange,
} from './port.js';
export {
  createElasticsearchClient,
  ElasticsearchEventStore,
} from './elasticsearch/elasticsearch-event-store.js';
export { eventsIndexFor, eventsIndexPattern } from './elasticsearch/index-names.js';
export { EVENT_PROPERTIES, eventsTemplate } from './elasticsearch/mapping.js';
export { buildQuery, exactField } from './elasticsearch/query.js';
