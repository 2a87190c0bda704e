import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDb } from './duckdb/database.js';
import { DuckDbAlertStore } from './duckdb/duckdb-alert-store.js';
import { DuckDbEventStore } from './duckdb/duckdb-event-store.js';
import { DuckDbHitStore } from './duckdb/duckdb-hit-store.js';
import { DuckDbMetricsStore } from './duckdb/duckdb-metrics-store.js';
import { DuckDbSessionStore } from './duckdb/duckdb-session-store.js';
import { DuckDbWindowStore } from './duckdb/duckdb-window-store.js';

export interface EmbeddedStores {
  events: DuckDbEventStore;
  sessions: DuckDbSessionStore;
  windows: DuckDbWindowStore;
  hits: DuckDbHitStore;
  alerts: DuckDbAlertStore;
  metrics: DuckDbMetricsStore;
  checks: Record<string, () => Promise<void>>;
  ensureSchemas(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Every store of the single-process mode in one DuckDB file (created with its folder if
 * missing), or in memory with ':memory:'.
 */
export async function openEmbeddedStores(path: string): Promise<EmbeddedStores> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = await DuckDb.open(path);
  const events = new DuckDbEventStore(db);
  return {
    events,
    sessions: new DuckDbSessionStore(db),
    windows: new DuckDbWindowStore(db),
    hits: new DuckDbHitStore(db),
    alerts: new DuckDbAlertStore(db),
    metrics: new DuckDbMetricsStore(db),
    checks: { store: () => events.check() },
    ensureSchemas: () => events.ensureSchema(),
    close: () => db.close(),
  };
}
