import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IdClaim } from '@sightline/ports';
import type { WindowAggregate } from '@sightline/contract';
import { DuckDb, LevelDedupeStore, openEmbeddedStores } from '@sightline/store-embedded';
import { shopHistory } from './shop-history.js';

const DAY = 86_400_000;
/** The ledger's scope (48 hours): the ids it keeps arrived within it. */
const CLAIM_SPAN_MS = 2 * DAY;
const CLAIMS_PER_CALL = 50_000;
/** The template month is copied in slices of this much time: each statement sorts one slice. */
const SLICE_MS = 4 * 3_600_000;
/** DuckDB's memory while it copies (sorting a slice of every copy at once). */
const COPY_MEMORY_MB = 2_048;

/** Which ids the ledger of counted ids holds (see StoreGrower). */
export type LedgerFill = 'recent' | 'as-arrived';

/**
 * Grows the single process's data folder (DuckDB file and ledger of counted ids, as `npm start`
 * keeps them) to a number of events of one site, quickly. The first month of simulated shop
 * visits (`template` events over the 30 days before `end`) goes through the store ports with
 * its windows; larger sizes add copies of that month, each with ids and visitors of its own
 * (DuckDB copies the rows, in time order a few hours at a time, with the ids rewritten in the
 * columns and the documents). The ids go into the ledger of counted ids as `ledger` says:
 * `recent` claims every id with an ingest time in the last 48 hours, so the ledger holds them all,
 * as it would if they had all arrived that recently (its worst case); `as-arrived` claims the ids
 * of the template month that arrived within its last 48 hours, at their own time, and nothing
 * else: the copies stand for earlier months of the same traffic, whose ids the ledger no longer
 * keeps, so the ledger is the same at every size, as under steady traffic. Claims go in key order,
 * which loads the ledger in a fraction of the time and leaves the same ids in it.
 */
export class StoreGrower {
  private readonly ids: string[] = [];
  /** When each id of the template month arrived. */
  private readonly arrivals = new Map<string, number>();
  private copies = 0;
  private claimed = 0;

  constructor(
    private readonly options: {
      dataDir: string;
      /** A DuckDB file of the template month, outside the data folder. */
      templatePath: string;
      site: string;
      end: number;
      template: number;
      memoryLimitMb: number;
      ledger: LedgerFill;
    },
  ) {}

  get databasePath(): string {
    return join(this.options.dataDir, 'sightline.duckdb');
  }

  /** Adds events until about `size` are stored (`stored` now); returns how many were added. */
  async grow(size: number, stored: number): Promise<number> {
    if (this.ids.length === 0) {
      const first = await this.first(Math.min(size, this.options.template));
      return first + (await this.grow(size, stored + first));
    }
    const copies = Math.round((size - stored) / this.ids.length);
    if (copies <= 0) return 0;
    const from = this.copies + 1;
    this.copies += copies;
    const [added] = await Promise.all([
      this.copy(from, this.copies),
      // As-arrived, the copies stand for earlier months of the same traffic: long out of the ledger.
      this.options.ledger === 'as-arrived'
        ? undefined
        : this.claim(
            (function* (ids: string[]) {
              // In key order (ids sorted, then each id's copies): the ledger's lookups and writes then
              // move through its files in order instead of opening one at random for every id.
              const ks = Array.from({ length: copies }, (_, i) => String(from + i)).sort();
              for (const id of ids) for (const k of ks) yield [`${id}~${k}`, id] as const;
            })(this.sortedIds()),
          ),
    ]);
    return added;
  }

  /** The template month through the ports, then copied aside for the larger sizes. */
  private async first(count: number): Promise<number> {
    const { site, end } = this.options;
    const stores = await openEmbeddedStores(this.databasePath, {
      memoryLimitMb: this.options.memoryLimitMb,
    });
    await stores.ensureSchemas();
    let windows: WindowAggregate[] = [];
    let writing: Promise<unknown> = Promise.resolve();
    for (const chunk of shopHistory({ site, from: end - 30 * DAY, end, count, seed: 7 })) {
      // The next chunk is generated while this one is written.
      await writing;
      for (const event of chunk.events) {
        this.ids.push(event.id);
        this.arrivals.set(event.id, event.receivedAt);
      }
      windows.push(...chunk.windows);
      const full = windows.length >= 2_000;
      writing = Promise.all([
        stores.events.append(chunk.events),
        full ? stores.metrics.writeWindows(windows) : undefined,
      ]);
      if (full) windows = [];
    }
    await writing;
    await stores.metrics.writeWindows(windows);
    await stores.close();
    await this.claim(this.sortedIds().map((id) => [id, id] as const));
    const db = await DuckDb.open(this.databasePath, { memoryLimitMb: this.options.memoryLimitMb });
    await db.write(`ATTACH '${this.options.templatePath}' AS template`);
    await db.write(`CREATE TABLE template.events AS SELECT * FROM events`);
    await db.close();
    return this.ids.length;
  }

  /** Copies `from`…`to` of the template month, a few hours at a time in time order. */
  private async copy(from: number, to: number): Promise<number> {
    const { end } = this.options;
    // Only this copy's memory (the process measured later has the limit of the setting).
    const db = await DuckDb.open(this.databasePath, { memoryLimitMb: COPY_MEMORY_MB });
    await db.write(`ATTACH '${this.options.templatePath}' AS template (READ_ONLY)`);
    const columns = (
      await db.read(
        `SELECT column_name FROM information_schema.columns
         WHERE table_catalog = current_database() AND table_name = 'events'
         ORDER BY ordinal_position`,
      )
    ).map((row) => String(row.column_name));
    const rewritten: Record<string, string> = {
      id: `t.id || '~' || c.k`,
      visitor: `t.visitor || '~' || c.k`,
      // Ids and visitors are unique strings: replacing them in the text keeps the document whole.
      doc: `replace(replace(t.doc::VARCHAR, t.id, t.id || '~' || c.k), t.visitor, t.visitor || '~' || c.k)`,
    };
    let added = 0;
    for (let slice = (30 * DAY) / SLICE_MS; slice > 0; slice--)
      added += await db.write(
        `INSERT INTO events (${columns.join(', ')})
         SELECT ${columns.map((column) => rewritten[column] ?? `t.${column}`).join(', ')}
         FROM template.events t, range(${from}, ${to + 1}) c(k)
         WHERE t.ts >= ${end - slice * SLICE_MS} AND t.ts < ${end - (slice - 1) * SLICE_MS}
         ORDER BY t.ts`,
      );
    await db.close();
    return added;
  }

  private sortedIds(): string[] {
    return [...this.ids].sort();
  }

  /**
   * Claims ids in the ledger, as the processor would have when they arrived: each id with the
   * template id it copies (whose arrival it shares).
   */
  private async claim(ids: Iterable<readonly [string, string]>): Promise<void> {
    const ledger = new LevelDedupeStore(join(this.options.dataDir, 'dedupe'));
    await ledger.ensureSchema();
    const now = Date.now();
    let claims: IdClaim[] = [];
    for (const [id, template] of ids) {
      const n = this.claimed++;
      const receivedAt =
        this.options.ledger === 'recent'
          ? now - ((n * 7_919) % CLAIM_SPAN_MS)
          : this.arrivals.get(template)!;
      if (receivedAt <= now - CLAIM_SPAN_MS) continue;
      claims.push({ id, partition: n % 6, offset: n, receivedAt });
      if (claims.length === CLAIMS_PER_CALL) {
        await ledger.claim(claims);
        claims = [];
      }
    }
    await ledger.claim(claims);
    await ledger.close();
  }
}

/**
 * A folder to grow a store in (under BENCH_DATA_DIR, else the system's temporary folder): its
 * data folder, the grower, and the end of the simulated month (today at midnight UTC).
 */
export function growthFolder(
  prefix: string,
  options: { site: string; template: number; memoryLimitMb: number; ledger: LedgerFill },
): { root: string; dataDir: string; end: number; grower: StoreGrower } {
  const root = mkdtempSync(join(process.env.BENCH_DATA_DIR ?? tmpdir(), prefix));
  const dataDir = join(root, 'data');
  mkdirSync(dataDir, { recursive: true });
  const end = Math.floor(Date.now() / DAY) * DAY;
  const grower = new StoreGrower({
    dataDir,
    templatePath: join(root, 'template.duckdb'),
    end,
    ...options,
  });
  return { root, dataDir, end, grower };
}
