export { DuckDb, type Row, type SqlValue } from './duckdb/database.js';
export { DuckDbAlertStore } from './duckdb/duckdb-alert-store.js';
export { DuckDbEventStore } from './duckdb/duckdb-event-store.js';
export { DuckDbHitStore } from './duckdb/duckdb-hit-store.js';
export { DuckDbMetricsStore } from './duckdb/duckdb-metrics-store.js';
export { DuckDbSessionStore } from './duckdb/duckdb-session-store.js';
export { DuckDbWindowStore } from './duckdb/duckdb-window-store.js';
export { fieldExpression, whereClause, type Sql } from './duckdb/event-filters.js';
export { openEmbeddedStores, type EmbeddedStores } from './embedded-stores.js';
