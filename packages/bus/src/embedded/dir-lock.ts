import { link, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const LOCK_FILE = 'bus.lock';
/**
 * Locks this process holds: a lock with this process's pid that is not among them was left by an
 * earlier process that had the same pid.
 */
const held = new Set<string>();

/**
 * One process at a time in a bus folder: two writers would interleave records in the same files.
 * The lock file holds the owner's pid; it appears with its content at once (written aside, then
 * hard-linked into place, which fails if it exists), and one left by a process that died is
 * taken over.
 */
export class DirLock {
  private constructor(readonly path: string) {}

  static async acquire(dir: string): Promise<DirLock> {
    const path = join(dir, LOCK_FILE);
    const mine = `${path}.${process.pid}`;
    await writeFile(mine, `${process.pid}\n`);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await link(mine, path);
          held.add(path);
          return new DirLock(path);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const holder = await holderOf(path);
        // In a container a restarted process often gets the pid of the one that died.
        const ours = holder === process.pid && held.has(path);
        const alive = holder !== undefined && (holder === process.pid ? ours : isAlive(holder));
        if (alive || attempt > 0)
          throw new Error(
            `the embedded bus folder ${dir} is in use by process ${holder ?? 'unknown'}${holder === process.pid ? ' (this one)' : ''}: stop it first (its lock is ${path})`,
          );
        // Left by a process that is gone.
        await rm(path, { force: true });
      }
    } finally {
      await rm(mine, { force: true });
    }
  }

  /** Gives the folder up, if the lock is still this process's. */
  async release(): Promise<void> {
    if (!held.delete(this.path)) return;
    if ((await holderOf(this.path)) === process.pid) await rm(this.path, { force: true });
  }
}

async function holderOf(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await readFile(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
