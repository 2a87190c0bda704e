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
export { ElasticsearchDedupeStore } from './elasticsearch/elasticsearch-dedupe-store.js';
