import { DERIVED_COLUMNS, jsonPath } from './event-columns.js';

export interface Column {
  name: string;
  type: string;
  /** Its value in a row of an earlier layout that lacked it (SQL over that row's columns). */
  fill?: string;
}

export interface Table {
  name: string;
  columns: Column[];
  primaryKey?: string[];
}

/**
 * Tables of the embedded store. Each keeps its key columns (for lookups, filters and ordering)
 * next to the whole record as JSON, which answers every other field of the contract.
 *
 * Tables that grow with traffic have no primary key: DuckDB keeps the index of a key in memory,
 * whole, so memory and the time of each insert would grow with the data. Their writers replace
 * rows themselves (delete, then insert, in one transaction) over the recent rows the zone maps
 * of a time or offset column leave to read. Only the small tables keep a key.
 */
export const TABLES: Table[] = [
  {
    name: 'events',
    columns: [
      { name: 'id', type: 'VARCHAR NOT NULL' },
      { name: 'site', type: 'VARCHAR NOT NULL' },
      { name: 'ts', type: 'BIGINT NOT NULL' },
      { name: 'visitor', type: 'VARCHAR NOT NULL' },
      { name: 'bot', type: 'BOOLEAN NOT NULL' },
      ...DERIVED_COLUMNS.map(([field, column]) => ({
        name: column,
        type: 'VARCHAR',
        fill: `json_extract_string(doc, ${jsonPath(field)})`,
      })),
      { name: 'doc', type: 'JSON NOT NULL' },
      // Where the processor read the event (NULL for events appended otherwise): a rewind of a
      // partition forgets what was read from an offset on.
      { name: 'partition', type: 'INTEGER', fill: 'NULL' },
      { name: 'bus_offset', type: 'BIGINT', fill: 'NULL' },
    ],
  },
  {
    name: 'sessions',
    columns: [
      { name: 'id', type: 'VARCHAR NOT NULL' },
      { name: 'site', type: 'VARCHAR NOT NULL' },
      { name: 'visitor', type: 'VARCHAR NOT NULL' },
      { name: 'partition', type: 'INTEGER NOT NULL' },
      { name: 'start', type: 'BIGINT NOT NULL' },
      { name: 'status', type: 'VARCHAR NOT NULL' },
      { name: 'last_offset', type: 'BIGINT NOT NULL' },
      { name: 'end_window', type: 'BIGINT' },
      { name: 'doc', type: 'JSON NOT NULL' },
      { name: 'start_offset', type: 'BIGINT', fill: `CAST(doc->>'startOffset' AS BIGINT)` },
    ],
  },
  {
    name: 'windows',
    columns: [
      { name: 'site', type: 'VARCHAR NOT NULL' },
      { name: 'start', type: 'BIGINT NOT NULL' },
      { name: 'partition', type: 'INTEGER NOT NULL' },
      { name: 'doc', type: 'JSON NOT NULL' },
    ],
  },
  {
    name: 'window_points',
    columns: [
      { name: 'site', type: 'VARCHAR NOT NULL' },
      { name: 'start', type: 'BIGINT NOT NULL' },
      { name: 'partition', type: 'INTEGER NOT NULL' },
      { name: 'fields', type: 'JSON NOT NULL' },
    ],
  },
  {
    name: 'hits',
    columns: [
      { name: 'id', type: 'VARCHAR NOT NULL' },
      { name: 'site', type: 'VARCHAR NOT NULL' },
      { name: 'profile_id', type: 'VARCHAR NOT NULL' },
      { name: 'fired_at', type: 'BIGINT NOT NULL' },
      { name: 'doc', type: 'JSON NOT NULL' },
    ],
  },
  {
    name: 'alerts',
    columns: [
      { name: 'id', type: 'VARCHAR NOT NULL' },
      { name: 'state', type: 'VARCHAR NOT NULL' },
      { name: 'site', type: 'VARCHAR NOT NULL' },
      { name: 'rule_id', type: 'VARCHAR NOT NULL' },
      { name: 'fired_at', type: 'BIGINT NOT NULL' },
      { name: 'doc', type: 'JSON NOT NULL' },
    ],
    primaryKey: ['id', 'state'],
  },
  {
    name: 'dead_letters',
    columns: [
      { name: 'id', type: 'VARCHAR' },
      { name: 'set_aside_at', type: 'BIGINT NOT NULL' },
      { name: 'site', type: 'VARCHAR' },
      { name: 'stage', type: 'VARCHAR NOT NULL' },
      { name: 'doc', type: 'JSON NOT NULL' },
    ],
    primaryKey: ['id'],
  },
  {
    name: 'alert_deliveries',
    columns: [
      { name: 'id', type: 'VARCHAR' },
      { name: 'site', type: 'VARCHAR NOT NULL' },
      { name: 'alert_id', type: 'VARCHAR NOT NULL' },
      { name: 'sent_at', type: 'BIGINT NOT NULL' },
      { name: 'doc', type: 'JSON NOT NULL' },
    ],
    primaryKey: ['id'],
  },
];

/** The CREATE TABLE statement of a table, under `name` (its own by default). */
export function createTable(table: Table, name = table.name): string {
  const columns = table.columns.map((column) => `${column.name} ${column.type}`);
  if (table.primaryKey) columns.push(`PRIMARY KEY (${table.primaryKey.join(', ')})`);
  return `CREATE TABLE ${name} (\n  ${columns.join(',\n  ')}\n)`;
}

/** The column names of a table, for INSERT statements that name them. */
export const columnsOf = (name: string): string =>
  TABLES.find((table) => table.name === name)!
    .columns.map((column) => column.name)
    .join(', ');
