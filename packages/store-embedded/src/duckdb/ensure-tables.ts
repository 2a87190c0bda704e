import type { DuckDb } from './database.js';
import { createTable, TABLES, type Table } from './schema.js';

/**
 * Creates `table` if missing; brings one made by an earlier version to its layout: a primary key
 * it no longer has (DuckDB cannot drop a constraint) or columns it lacks. Such a table is copied
 * into a new one — missing columns filled from each row's document — which then takes its name,
 * all in one transaction: a crash leaves the old table whole, and the next open starts again.
 * Runs once per table: afterwards the layout matches and nothing is done.
 */
function upgradeTable(db: DuckDb, table: Table): Promise<void> {
  return db.transaction(async (tx) => {
    const present = new Set(
      (
        await tx.read(
          `SELECT column_name FROM information_schema.columns
           WHERE table_schema = 'main' AND table_name = ?`,
          [table.name],
        )
      ).map((row) => String(row.column_name)),
    );
    if (present.size === 0) {
      await tx.run(createTable(table));
      return;
    }
    const keys = await tx.read(
      `SELECT constraint_column_names AS columns FROM duckdb_constraints()
       WHERE schema_name = 'main' AND table_name = ? AND constraint_type = 'PRIMARY KEY'`,
      [table.name],
    );
    const key = (keys[0]?.columns as string[] | undefined) ?? [];
    const sameKey = key.join(',') === (table.primaryKey ?? []).join(',');
    if (sameKey && table.columns.every((column) => present.has(column.name))) return;

    const copy = `${table.name}__upgrade`;
    const values = table.columns.map((column) =>
      present.has(column.name) ? column.name : (column.fill ?? 'NULL'),
    );
    await tx.run(createTable(table, copy));
    await tx.run(
      `INSERT INTO ${copy} (${table.columns.map((column) => column.name).join(', ')})
       SELECT ${values.join(', ')} FROM ${table.name}`,
    );
    await tx.run(`DROP TABLE ${table.name}`);
    await tx.run(`ALTER TABLE ${copy} RENAME TO ${table.name}`);
  });
}

/**
 * Creates every table if missing, and brings one made by an earlier version to its layout
 * (each store's ensureSchema: they share one file).
 */
export async function ensureTables(db: DuckDb): Promise<void> {
  for (const table of TABLES) await upgradeTable(db, table);
}
