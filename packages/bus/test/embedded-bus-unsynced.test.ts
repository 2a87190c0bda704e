import { open, stat, truncate, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@sightline/observability';
import type { IncomingMessage } from '@sightline/ports';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { until as waitUntil } from '../../../test/until.js';
import { onlySegment, tempDirs } from './disk-helpers.js';

const until = (condition: () => boolean) => waitUntil(condition, { timeoutMs: 5_000 });
const logger = createLogger('test', 'silent');
const values = (seen: IncomingMessage[]) => seen.map((m) => m.value.toString());
const topics = [{ name: 'events', partitions: 1 }];

/** Holds every fdatasync until released, as a slow disk would. */
async function holdSyncs(): Promise<{ release(): void }> {
  const probe = await open(join(tmpdir(), `sightline-probe-${process.pid}`), 'w');
  const prototype = Object.getPrototypeOf(probe) as FileHandle;
  await probe.close();
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its handle below
  const datasync = prototype.datasync;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  vi.spyOn(prototype, 'datasync').mockImplementation(async function (this: FileHandle) {
    await held;
    return datasync.call(this);
  });
  return { release };
}

describe('EmbeddedBus readers of unsynced messages', () => {
  const temp = tempDirs();
  afterEach(() => vi.restoreAllMocks());

  it('get a publish while its sync is in flight; other readers and the publisher wait for the sync', async () => {
    const bus = await temp.open({ dir: await temp.dir(), topics, logger, fsync: true });
    const early: IncomingMessage[] = [];
    const durable: IncomingMessage[] = [];
    await bus.subscribe({
      topics: ['events'],
      group: 'assistant',
      commit: 'none',
      readUnsynced: true,
      // eslint-disable-next-line @typescript-eslint/require-await -- the bus awaits a promise
      handleBatch: async (batch) => void early.push(...batch.messages),
    });
    await bus.subscribe({
      topics: ['events'],
      group: 'store',
      commit: 'none',
      // eslint-disable-next-line @typescript-eslint/require-await -- the bus awaits a promise
      handleBatch: async (batch) => void durable.push(...batch.messages),
    });
    const disk = await holdSyncs();
    let acknowledged = false;
    const publishing = bus
      .publish('events', [{ key: 'v1', value: 'ask' }])
      .then(() => (acknowledged = true));

    await until(() => early.length === 1);
    expect(values(early)).toEqual(['ask']);
    expect(acknowledged).toBe(false);
    expect(durable).toEqual([]);

    disk.release();
    await publishing;
    await until(() => durable.length === 1);
    expect(values(durable)).toEqual(['ask']);
    expect(values(early)).toEqual(['ask']);
  });

  it('read on from the end when they committed past what a power cut left', async () => {
    const dir = await temp.dir();
    const first = await temp.open({ dir, topics, logger, fsync: true });
    await first.publish(
      'events',
      ['a', 'b', 'c'].map((value) => ({ key: 'v1', value })),
    );
    const seen: string[] = [];
    const options = {
      topics: ['events'],
      group: 'assistant',
      commit: 'manual' as const,
      fromBeginning: true,
      readUnsynced: true,
    };
    const sub = await first.subscribe({
      ...options,
      handleBatch: async (batch, context) => {
        seen.push(...values(batch.messages));
        await context.commit(String(Number(batch.messages.at(-1)!.offset) + 1));
      },
    });
    await until(() => seen.length === 3);
    await sub.close();
    await first.close();
    // The power cut: the last record's end never reached the disk; the commit after it did.
    const file = await onlySegment(dir, 'events', 0);
    await truncate(file, (await stat(file)).size - 1);

    const second = await temp.open({ dir, topics, logger, fsync: true });
    const after: string[] = [];
    await second.subscribe({
      ...options,
      // eslint-disable-next-line @typescript-eslint/require-await -- the bus awaits a promise
      handleBatch: async (batch) => void after.push(...values(batch.messages)),
    });
    await second.publish('events', [{ key: 'v1', value: 'd' }]);
    await until(() => after.length === 1);
    expect(after).toEqual(['d']);
  });
});
