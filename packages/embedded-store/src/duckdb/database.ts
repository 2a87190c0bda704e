import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { StoreRefusedError } from '@sightline/contract';

export type SqlValue = string | number | boolean | null;
export type Row = Record<string, unknown>;

/**
 * One DuckDB database file: a write connection whose statements run one at a time (DuckDB has
 * one writer; serialising here turns would-be transaction conflicts into a queue) and a read
 * connection that sees committed data while writes go on.
 */
export class DuckDb {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
  ) {}

  /** Opens (or creates) the file; `:memory:` for a database that lives as long as the process. */
  static async open(path: string): Promise<DuckDb> {
    const instance = await DuckDBInstance.create(path);
    return new DuckDb(instance, await instance.connect(), await instance.connect());
  }

  /** Runs a write statement after those before it; resolves with the rows it changed. */
  write(sql: string, values: SqlValue[] = []): Promise<number> {
    const run = this.queue.then(async () => {
      this.assertOpen();
      try {
        const result = await this.writer.run(sql, values);
        return result.rowsChanged;
      } catch (error) {
        throw refusalOf(error);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Runs a query; values come back JSON-shaped (BIGINT as strings, JSON as text). */
  async read(sql: string, values: SqlValue[] = []): Promise<Row[]> {
    this.assertOpen();
    const reader = await this.reader.runAndReadAll(sql, values);
    return reader.getRowObjectsJson();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue;
    this.closed = true;
    this.writer.closeSync();
    this.reader.closeSync();
    this.instance.closeSync();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the embedded store is closed');
  }
}

/** DuckDB's kinds of error that mean the values themselves cannot be stored. */
const DATA_ERRORS = /^(Conversion|Invalid Input|Constraint|Out of Range|Mismatch Type) Error/;

/** The error, as a StoreRefusedError when DuckDB refused the data rather than failed. */
function refusalOf(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  return DATA_ERRORS.test(message) ? new StoreRefusedError(message, { cause: error }) : error;
}
