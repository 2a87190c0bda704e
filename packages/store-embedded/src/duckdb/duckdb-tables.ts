import type { DuckDb } from './database.js';
import { ensureTables } from './ensure-tables.js';

/** What every store on the embedded DuckDB file shares: the database, and its tables made once. */
export abstract class DuckDbTables {
  constructor(protected readonly db: DuckDb) {}

  ensureSchema(): Promise<void> {
    return ensureTables(this.db);
  }
}
