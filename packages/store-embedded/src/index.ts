export {
  DuckDb,
  type DuckDbOptions,
  type Row,
  type SqlValue,
  type Transaction,
} from './duckdb/database.js';
export { DuckDbAlertStore } from './duckdb/duckdb-alert-store.js';
export { DuckDbEventStore } from './duckdb/duckdb-event-store.js';
export { DuckDbHitStore } from './duckdb/duckdb-hit-store.js';
export { DuckDbMetricsStore } from './duckdb/duckdb-metrics-store.js';
export { DuckDbSessionStore } from './duckdb/duckdb-session-store.js';
export { DuckDbWindowStore } from './duckdb/duckdb-window-store.js';
export { fieldExpression, whereClause, type Sql } from './duckdb/event-filters.js';
export {
  DEFAULT_MEMORY_LIMIT_MB,
  openEmbeddedStores,
  type EmbeddedStoreOptions,
  type EmbeddedStores,
} from './embedded-stores.js';
export { DuckDbDeadLetterStore } from './duckdb/duckdb-dead-letter-store.js';
export { LevelDedupeStore } from './leveldb/level-dedupe-store.js';
