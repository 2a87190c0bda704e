import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { StoreRefusedError } from '@sightline/contract';

export type SqlValue = string | number | boolean | null;
export type Row = Record<string, unknown>;

/** The statements of one transaction, on the write connection. */
export interface Transaction {
  /** Runs a statement; resolves with the rows it changed. */
  run(sql: string, values?: SqlValue[]): Promise<number>;
  /** Runs a query inside the transaction (it sees the transaction's own changes). */
  read(sql: string, values?: SqlValue[]): Promise<Row[]>;
}

export interface DuckDbOptions {
  /**
   * MiB DuckDB may hold in memory: its cache of the file's blocks and the state of queries (more
   * spills to a temporary folder beside the file). Unset, DuckDB takes 80 % of the machine's RAM.
   */
  memoryLimitMb?: number;
  /** Threads for queries; unset, one per core. */
  threads?: number;
}

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
  static async open(path: string, options: DuckDbOptions = {}): Promise<DuckDb> {
    const settings: Record<string, string> = {};
    if (options.memoryLimitMb !== undefined) settings.memory_limit = `${options.memoryLimitMb}MiB`;
    if (options.threads !== undefined) settings.threads = String(options.threads);
    const instance = await DuckDBInstance.create(path, settings);
    return new DuckDb(instance, await instance.connect(), await instance.connect());
  }

  /** Runs a write statement after those before it; resolves with the rows it changed. */
  write(sql: string, values: SqlValue[] = []): Promise<number> {
    return this.serially(() => this.run(sql, values));
  }

  /**
   * Runs `work` after the writes before it, between BEGIN and COMMIT on the write connection:
   * its statements apply together or not at all (ROLLBACK when one fails or `work` throws).
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.serially(async () => {
      await this.run('BEGIN TRANSACTION');
      try {
        const result = await work({
          run: (sql, values = []) => this.run(sql, values),
          read: async (sql, values = []) =>
            (await this.writer.runAndReadAll(sql, values)).getRowObjectsJson(),
        });
        await this.run('COMMIT');
        return result;
      } catch (error) {
        // A failed COMMIT has already ended the transaction: the ROLLBACK then fails harmlessly.
        await this.writer.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
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

  /** Runs `work` once every write queued before it has finished. */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      this.assertOpen();
      return work();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(sql: string, values: SqlValue[] = []): Promise<number> {
    try {
      const result = await this.writer.run(sql, values);
      return result.rowsChanged;
    } catch (error) {
      throw refusalOf(error);
    }
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
