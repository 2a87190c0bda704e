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

/** Columns written as in SQL, `name TYPE` separated by commas. */
function columns(spec: string): Column[] {
  return spec
    .split(',')
    .map((column) => column.trim())
    .map((column) => {
      const space = column.indexOf(' ');
      return { name: column.slice(0, space), type: column.slice(space + 1) };
    });
}

/** A table whose columns are written as in SQL. */
function table(name: string, spec: string, options: Omit<Table, 'name' | 'columns'> = {}): Table {
  return { name, columns: columns(spec), ...options };
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
      ...columns(`
        id VARCHAR NOT NULL,
        site VARCHAR NOT NULL,
        visitor VARCHAR NOT NULL,
        partition INTEGER NOT NULL,
        start BIGINT NOT NULL,
        status VARCHAR NOT NULL,
        last_offset BIGINT NOT NULL,
        end_window BIGINT,
        doc JSON NOT NULL
      `),
      { name: 'start_offset', type: 'BIGINT', fill: `CAST(doc->>'startOffset' AS BIGINT)` },
    ],
  },
  table(
    'windows',
    `
    site VARCHAR NOT NULL,
    start BIGINT NOT NULL,
    partition INTEGER NOT NULL,
    doc JSON NOT NULL
    `,
  ),
  table(
    'window_points',
    `
    site VARCHAR NOT NULL,
    start BIGINT NOT NULL,
    partition INTEGER NOT NULL,
    fields JSON NOT NULL
    `,
  ),
  table(
    'hits',
    `
    id VARCHAR NOT NULL,
    site VARCHAR NOT NULL,
    profile_id VARCHAR NOT NULL,
    fired_at BIGINT NOT NULL,
    doc JSON NOT NULL
    `,
  ),
  table(
    'alerts',
    `
    id VARCHAR NOT NULL,
    state VARCHAR NOT NULL,
    site VARCHAR NOT NULL,
    rule_id VARCHAR NOT NULL,
    fired_at BIGINT NOT NULL,
    doc JSON NOT NULL
    `,
    { primaryKey: ['id', 'state'] },
  ),
  table(
    'dead_letters',
    `
    id VARCHAR,
    set_aside_at BIGINT NOT NULL,
    site VARCHAR,
    stage VARCHAR NOT NULL,
    doc JSON NOT NULL
    `,
    { primaryKey: ['id'] },
  ),
  table(
    'alert_deliveries',
    `
    id VARCHAR,
    site VARCHAR NOT NULL,
    alert_id VARCHAR NOT NULL,
    sent_at BIGINT NOT NULL,
    doc JSON NOT NULL
    `,
    { primaryKey: ['id'] },
  ),
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
