import type { DuckDb } from './database.js';
import { DERIVED_COLUMNS, jsonPath } from './event-columns.js';

/**
 * Tables of the embedded store. Each keeps its key columns (for lookups, filters and ordering)
 * next to the whole record as JSON, which answers every other field of the contract.
 */
export const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY,
    site VARCHAR NOT NULL,
    ts BIGINT NOT NULL,
    visitor VARCHAR NOT NULL,
    bot BOOLEAN NOT NULL,
    ${DERIVED_COLUMNS.map(([, column]) => `${column} VARCHAR,`).join('\n    ')}
    doc JSON NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS sessions (
    id VARCHAR PRIMARY KEY,
    site VARCHAR NOT NULL,
    visitor VARCHAR NOT NULL,
    partition INTEGER NOT NULL,
    start BIGINT NOT NULL,
    status VARCHAR NOT NULL,
    last_offset BIGINT NOT NULL,
    end_window BIGINT,
    doc JSON NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS windows (
    site VARCHAR NOT NULL,
    start BIGINT NOT NULL,
    partition INTEGER NOT NULL,
    doc JSON NOT NULL,
    PRIMARY KEY (site, start, partition)
  )`,
  `CREATE TABLE IF NOT EXISTS window_points (
    site VARCHAR NOT NULL,
    start BIGINT NOT NULL,
    partition INTEGER NOT NULL,
    fields JSON NOT NULL,
    PRIMARY KEY (site, start, partition)
  )`,
  `CREATE TABLE IF NOT EXISTS hits (
    id VARCHAR PRIMARY KEY,
    site VARCHAR NOT NULL,
    profile_id VARCHAR NOT NULL,
    fired_at BIGINT NOT NULL,
    doc JSON NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS alerts (
    id VARCHAR NOT NULL,
    state VARCHAR NOT NULL,
    site VARCHAR NOT NULL,
    rule_id VARCHAR NOT NULL,
    fired_at BIGINT NOT NULL,
    doc JSON NOT NULL,
    PRIMARY KEY (id, state)
  )`,
  `CREATE TABLE IF NOT EXISTS dead_letters (
    id VARCHAR PRIMARY KEY,
    set_aside_at BIGINT NOT NULL,
    site VARCHAR,
    stage VARCHAR NOT NULL,
    doc JSON NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS alert_deliveries (
    id VARCHAR PRIMARY KEY,
    site VARCHAR NOT NULL,
    alert_id VARCHAR NOT NULL,
    sent_at BIGINT NOT NULL,
    doc JSON NOT NULL
  )`,
];

/** Creates every table if missing (each store's ensureSchema: they share one file). */
export async function ensureTables(db: DuckDb): Promise<void> {
  for (const statement of SCHEMA) await db.write(statement);
  // A store made before a column existed gets it, filled from the documents, once.
  const present = new Set(
    (
      await db.read(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'events'`,
      )
    ).map((row) => String(row.column_name)),
  );
  for (const [field, column] of DERIVED_COLUMNS) {
    if (present.has(column)) continue;
    await db.write(`ALTER TABLE events ADD COLUMN ${column} VARCHAR`);
    await db.write(`UPDATE events SET ${column} = json_extract_string(doc, ${jsonPath(field)})`);
  }
}
