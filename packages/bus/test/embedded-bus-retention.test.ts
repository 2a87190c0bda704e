import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '@sightline/observability';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { until } from '../../../test/until.js';
import { DiskPartitionLog } from '../src/embedded/disk-partition-log.js';
import { readAll, recordingLogger, tempDirs } from './disk-helpers.js';

const logger = createLogger('test', 'silent');
const values = (messages: { value: Buffer | string }[]) => messages.map((m) => m.value.toString());
const numbered = (count: number, from = 0, timestamp?: number) =>
  Array.from({ length: count }, (_, i) => ({
    key: 'k',
    value: String(from + i).padStart(6, '0'),
    ...(timestamp === undefined ? {} : { timestamp }),
  }));

async function segmentsOf(dir: string, topic: string, partition = 0) {
  const folder = join(dir, topic, String(partition));
  const names = (await readdir(folder)).filter((name) => name.endsWith('.log')).sort();
  // A file deleted between the listing and its stat counts for nothing.
  const sizes = await Promise.all(
    names.map((name) =>
      stat(join(folder, name)).then(
        (info) => info.size,
        () => 0,
      ),
    ),
  );
  return { names, bytes: sizes.reduce((sum, size) => sum + size, 0) };
}

describe('EmbeddedBus on disk: retention, memory and syncs', () => {
  const temp = tempDirs();
  afterEach(() => vi.restoreAllMocks());

  /**
   * A bus on disk whose `group` read 100 messages (two minutes old) and committed offset 10,
   * then closed: the options to open it again.
   */
  async function committedBeforeRestart(group: string) {
    const dir = await temp.dir();
    const topics = [{ name: 'events', partitions: 1 }];
    const options = { dir, topics, logger, segmentBytes: 1024, retentionMs: 60_000 };
    const first = await temp.open(options);
    await first.subscribe({
      topics: ['events'],
      group,
      fromBeginning: true,
      commit: 'manual',
      handleBatch: async (batch, context) => {
        if (batch.messages[0]!.offset === '0') await context.commit('10');
      },
    });
    const old = Date.now() - 120_000;
    for (let i = 0; i < 4; i++) await first.publish('events', numbered(25, i * 25, old));
    await until(async () => (await first.lag(group, 'events'))[0]!.committed === '10');
    await first.close();
    return options;
  }

  it('deletes whole segments past the topic retention once committing groups are past them', async () => {
    const dir = await temp.dir();
    const topics = [{ name: 'events', partitions: 1, config: { 'retention.ms': '60000' } }];
    const bus = await temp.open({ dir, topics, logger, segmentBytes: 1024 });
    let commitUpTo = 0;
    const seen: string[] = [];
    await bus.subscribe({
      topics: ['events'],
      group: 'store',
      fromBeginning: true,
      commit: 'manual',
      handleBatch: async (batch, context) => {
        seen.push(...values(batch.messages));
        if (commitUpTo > 0) await context.commit(String(commitUpTo));
      },
    });
    const old = Date.now() - 120_000;
    for (let i = 0; i < 4; i++) await bus.publish('events', numbered(25, i * 25, old));
    await bus.publish('events', numbered(1, 100));
    await until(() => seen.length === 101);
    const before = await segmentsOf(dir, 'events');
    expect(before.names.length).toBeGreaterThan(3);
    // Old, but the group has not committed past them: kept.
    expect((await bus.offsetsAt('events', 0))[0]!.offset).toBe('0');

    commitUpTo = 101;
    let next = 101;
    // Retention runs as messages come: the commit of 101 lets the next publish delete.
    await until(async () => {
      await bus.publish('events', numbered(1, next++));
      return (await segmentsOf(dir, 'events')).names.length < before.names.length;
    });
    const start = Number((await bus.offsetsAt('events', 0))[0]!.offset);
    expect(start).toBeGreaterThan(0);
    expect(start).toBeLessThanOrEqual(100);
    // Whole segments: the first file left starts where the log now starts (once deleted).
    const first = `${String(start).padStart(20, '0')}.log`;
    await until(async () => (await segmentsOf(dir, 'events')).names[0] === first);
    expect(values(await readAll(bus, 'events'))).toEqual(values(numbered(next - start, start)));
  });

  it('keeps old segments for a group that committed before a restart, even before it subscribes', async () => {
    const options = await committedBeforeRestart('store');

    const second = await temp.open(options);
    await second.publish('events', numbered(1, 100));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Only what precedes the segment holding offset 10 could go; that segment stays.
    const start = Number((await second.offsetsAt('events', 0))[0]!.offset);
    expect(start).toBe(0);
  });

  it('lets go of what a group committed when it does not come back after a restart (a retired reader)', async () => {
    const options = await committedBeforeRestart('retired');

    const second = await temp.open({ ...options, absentGroupHoldMs: 100 });
    await second.publish('events', numbered(1, 100));
    // Within the hold, the group's commit still keeps its segment.
    expect(Number((await second.offsetsAt('events', 0))[0]!.offset)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 150));
    let next = 101;
    await until(async () => {
      await second.publish('events', numbered(1, next++));
      return Number((await second.offsetsAt('events', 0))[0]!.offset) > 10;
    });
  });

  it('deletes the oldest segments past the size bound, even unread ones, with an error', async () => {
    const dir = await temp.dir();
    const { logger: recording, lines } = recordingLogger();
    const bus = await temp.open({
      dir,
      topics: [{ name: 'events', partitions: 1 }],
      logger: recording,
      segmentBytes: 1024,
      retentionBytes: 3 * 1024,
    });
    const slow = await bus.subscribe({
      topics: ['events'],
      group: 'slow',
      fromBeginning: true,
      commit: 'manual',
      handleBatch: () => Promise.resolve(),
    });
    slow.pause();
    for (let i = 0; i < 10; i++) await bus.publish('events', numbered(25, i * 25));
    let next = 250;
    await until(async () => {
      await bus.publish('events', numbered(1, next++));
      return (await segmentsOf(dir, 'events')).bytes <= 4 * 1024 + 100;
    });
    expect(
      lines.find((line) =>
        /size or count bound deletes messages a consumer group has not/.test(line.message),
      ),
    ).toMatchObject({ level: 'error' });
    const start = Number((await bus.offsetsAt('events', 0))[0]!.offset);
    expect(start).toBeGreaterThan(100);
    expect(values(await readAll(bus, 'events'))).toEqual(values(numbered(next - start, start)));
  });

  it('holds a bounded number of records in memory however many are on disk', async () => {
    const dir = await temp.dir();
    const log = await DiskPartitionLog.open({
      dir: join(dir, 'events', '0'),
      topic: 'events',
      partition: 0,
      firstOffset: 0,
      fsync: false,
      segmentBytes: 256 * 1024,
      cacheBytes: 32 * 1024,
      retention: {},
      logger,
    });
    let most = 0;
    for (let i = 0; i < 200; i++) {
      await log.append(numbered(100, i * 100), Date.now());
      most = Math.max(most, log.cachedRecords);
    }
    expect(log.end).toBe(20_000);
    expect(most).toBeLessThan((32 * 1024) / 160);
    expect(log.segmentCount).toBeGreaterThan(1);
    // Old records come back from the files, new ones from memory, the same either way.
    expect(values(await log.read(0, 3, Infinity))).toEqual(values(numbered(3)));
    expect(values(await log.read(12_345, 3, Infinity))).toEqual(values(numbered(3, 12_345)));
    expect(values(await log.read(19_998, 5, Infinity))).toEqual(values(numbered(2, 19_998)));
    await log.close();
  });

  it('syncs once per round for many publishes in flight, and not at all when fsync is off', async () => {
    const probe = await open(join(await temp.dir(), 'probe'), 'w');
    const datasync = vi.spyOn(
      Object.getPrototypeOf(probe) as { datasync(): Promise<void> },
      'datasync',
    );
    await probe.close();

    const synced = await temp.open({
      dir: await temp.dir(),
      topics: [{ name: 'events', partitions: 1 }],
      logger,
    });
    datasync.mockClear();
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => synced.publish('events', numbered(1, i))),
    );
    expect(datasync.mock.calls.length).toBeGreaterThan(0);
    expect(datasync.mock.calls.length).toBeLessThan(20);

    const unsynced = await temp.open({
      dir: await temp.dir(),
      topics: [{ name: 'events', partitions: 1 }],
      logger,
      fsync: false,
    });
    datasync.mockClear();
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => unsynced.publish('events', numbered(1, i))),
    );
    expect(datasync).not.toHaveBeenCalled();
    expect(await unsynced.endOffsets('events')).toEqual([{ partition: 0, end: '200' }]);
    // Closing syncs what was written.
    await unsynced.close();
    expect(datasync).toHaveBeenCalled();
  });
});
