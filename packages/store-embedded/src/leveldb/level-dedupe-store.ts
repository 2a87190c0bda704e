import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import {
  decideClaims,
  earliestOwner,
  generationOf,
  generationsToRead,
  oldestKept,
  type DedupeStore,
  type IdClaim,
} from '@sightline/ports';

const GENERATION_DIR = /^g(\d+)$/;
/** Table files each generation keeps open (see database()). */
const OPEN_FILES = 64;
/** Size of a table file (LevelDB's default is 2 MiB). */
const TABLE_BYTES = 16 * 1024 * 1024;

/**
 * The ledger of counted event ids in the single process: one LevelDB per generation under `dir`
 * (on disk, a small block cache in memory, so memory stays flat however many ids are kept). The
 * whole process is one writer: claims run one at a time, which makes each claim atomic. Writes
 * are synced, so a claim survives a power loss as the bus's records do.
 */
export class LevelDedupeStore implements DedupeStore {
  private readonly open = new Map<number, Promise<ClassicLevel<string, string>>>();
  /** Generations with a database on disk (only this process makes them). */
  private readonly present = new Set<number>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly dir: string) {}

  ensureSchema(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    for (const name of this.generationDirs())
      this.present.add(Number(GENERATION_DIR.exec(name)![1]));
    return Promise.resolve();
  }

  claim(claims: IdClaim[]): Promise<boolean[]> {
    return this.serially(async () => {
      if (claims.length === 0) return [];
      const existing = await this.owners(claims);
      const decided = decideClaims(claims, existing);
      const byGeneration = new Map<number, { key: string; value: string }[]>();
      for (const write of decided.toWrite) {
        const list = byGeneration.get(write.generation) ?? [];
        list.push({ key: write.id, value: write.owner });
        byGeneration.set(write.generation, list);
      }
      for (const [generation, writes] of byGeneration) {
        const db = await this.database(generation);
        await db.batch(
          writes.map((write) => ({ type: 'put' as const, ...write })),
          { sync: true },
        );
      }
      return decided.owned;
    });
  }

  expire(now: number): Promise<void> {
    return this.serially(async () => {
      const oldest = oldestKept(now);
      for (const name of this.generationDirs()) {
        const generation = Number(GENERATION_DIR.exec(name)![1]);
        if (generation >= oldest) continue;
        const db = this.open.get(generation);
        this.open.delete(generation);
        this.present.delete(generation);
        if (db) await (await db).close();
        rmSync(join(this.dir, name), { recursive: true, force: true });
      }
    });
  }

  close(): Promise<void> {
    return this.serially(async () => {
      this.closed = true;
      const databases = [...this.open.values()];
      this.open.clear();
      for (const db of databases) await (await db).close();
    });
  }

  /** Runs `work` after every earlier call has finished. */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.closed) throw new Error('the dedupe store is closed');
      return work();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async owners(claims: IdClaim[]): Promise<Map<string, string>> {
    const idsByGeneration = new Map<number, Set<string>>();
    const generationsById = new Map<string, number[]>();
    for (const claim of claims) {
      if (generationsById.has(claim.id)) continue;
      const generations = generationsToRead(generationOf(claim.receivedAt));
      generationsById.set(claim.id, generations);
      for (const generation of generations) {
        const ids = idsByGeneration.get(generation) ?? new Set<string>();
        ids.add(claim.id);
        idsByGeneration.set(generation, ids);
      }
    }
    const found = new Map<string, string>(); // `${generation}:${id}` -> owner
    for (const [generation, ids] of idsByGeneration) {
      if (!this.present.has(generation)) continue;
      const db = await this.database(generation);
      const keys = [...ids];
      const values = await db.getMany(keys);
      keys.forEach((id, i) => {
        const owner = values[i];
        if (owner !== undefined) found.set(`${generation}:${id}`, owner);
      });
    }
    const owners = new Map<string, string>();
    for (const [id, generations] of generationsById) {
      const owner = earliestOwner(generations.map((g) => found.get(`${g}:${id}`)));
      if (owner !== undefined) owners.set(id, owner);
    }
    return owners;
  }

  private database(generation: number): Promise<ClassicLevel<string, string>> {
    let db = this.open.get(generation);
    if (!db) {
      const location = join(this.dir, `g${generation}`);
      db = (async () => {
        // A small cache and write buffer: the ids live on disk, memory stays flat. LevelDB maps
        // each open table file into memory and every page it reads stays in the process's RSS
        // while the file is open, so the default of 1,000 open files let RSS grow with the
        // ledger. A claim of a fresh id reads each table's Bloom filter: with tables of 16 MiB
        // (not 2) the 64 kept open cover about 70 M ids, so claims do not fall to opening a
        // table per lookup as the ledger grows.
        const level = new ClassicLevel<string, string>(location, {
          keyEncoding: 'utf8',
          valueEncoding: 'utf8',
          cacheSize: 8 * 1024 * 1024,
          writeBufferSize: 4 * 1024 * 1024,
          maxFileSize: TABLE_BYTES,
          maxOpenFiles: OPEN_FILES,
        });
        await level.open();
        return level;
      })();
      this.open.set(generation, db);
      this.present.add(generation);
    }
    return db;
  }

  private generationDirs(): string[] {
    try {
      return readdirSync(this.dir).filter((name) => GENERATION_DIR.test(name));
    } catch {
      return [];
    }
  }
}
