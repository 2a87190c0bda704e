import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDb } from './duckdb/database.js';
import { DuckDbAlertStore } from './duckdb/duckdb-alert-store.js';
import { DuckDbDeadLetterStore } from './duckdb/duckdb-dead-letter-store.js';
import { DuckDbEventStore } from './duckdb/duckdb-event-store.js';
import { DuckDbHitStore } from './duckdb/duckdb-hit-store.js';
import { DuckDbMetricsStore } from './duckdb/duckdb-metrics-store.js';
import { DuckDbSessionStore } from './duckdb/duckdb-session-store.js';
import { DuckDbWindowStore } from './duckdb/duckdb-window-store.js';
import { LevelDedupeStore } from './leveldb/level-dedupe-store.js';

export interface EmbeddedStores {
  events: DuckDbEventStore;
  sessions: DuckDbSessionStore;
  windows: DuckDbWindowStore;
  hits: DuckDbHitStore;
  alerts: DuckDbAlertStore;
  metrics: DuckDbMetricsStore;
  dedupe: LevelDedupeStore;
  deadLetters: DuckDbDeadLetterStore;
  checks: Record<string, () => Promise<void>>;
  /** Bytes DuckDB holds in memory now (its buffers and tables; at most its memory limit). */
  memoryBytes(): Promise<number>;
  ensureSchemas(): Promise<void>;
  close(): Promise<void>;
}

export interface EmbeddedStoreOptions {
  /** MiB DuckDB may hold in memory (EMBEDDED_STORE_MEMORY_MB); more spills to disk. */
  memoryLimitMb?: number;
  /** DuckDB's threads for queries; one per core when unset. */
  threads?: number;
}

/**
 * What DuckDB holds in memory unless told: its cache stays this size however large the file
 * grows (DuckDB's own default, 80 % of the machine's RAM, would let it grow with the data).
 */
export const DEFAULT_MEMORY_LIMIT_MB = 512;

/**
 * Every store of the single-process mode: one DuckDB file (created with its folder if missing,
 * or in memory with ':memory:') and, beside it, the ledger of counted event ids (`dedupe/`; in a
 * temporary folder, removed on close, with ':memory:').
 */
export async function openEmbeddedStores(
  path: string,
  options: EmbeddedStoreOptions = {},
): Promise<EmbeddedStores> {
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const dedupeDir = inMemory
    ? mkdtempSync(join(tmpdir(), 'sightline-dedupe-'))
    : join(dirname(path), 'dedupe');
  const db = await DuckDb.open(path, {
    memoryLimitMb: options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB,
    ...(options.threads === undefined ? {} : { threads: options.threads }),
  });
  const events = new DuckDbEventStore(db);
  const dedupe = new LevelDedupeStore(dedupeDir);
  const deadLetters = new DuckDbDeadLetterStore(db);
  return {
    events,
    sessions: new DuckDbSessionStore(db),
    windows: new DuckDbWindowStore(db),
    hits: new DuckDbHitStore(db),
    alerts: new DuckDbAlertStore(db),
    metrics: new DuckDbMetricsStore(db),
    dedupe,
    deadLetters,
    checks: { store: () => events.check() },
    async memoryBytes() {
      const [row] = await db.read(
        'SELECT coalesce(sum(memory_usage_bytes), 0)::DOUBLE AS bytes FROM duckdb_memory()',
      );
      return Number(row?.bytes ?? 0);
    },
    async ensureSchemas() {
      await events.ensureSchema();
      await dedupe.ensureSchema();
    },
    async close() {
      await dedupe.close();
      await db.close();
      if (inMemory) rmSync(dedupeDir, { recursive: true, force: true });
    },
  };
}
