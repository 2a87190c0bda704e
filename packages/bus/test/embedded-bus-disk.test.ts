import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '@sightline/observability';
import { describe, expect, it } from 'vitest';
import { until as waitUntil } from '../../../test/until.js';
import { type IncomingMessage } from '@sightline/ports';
import { BusOverloadedError } from '../src/index.js';
import { readAll, tempDirs } from './disk-helpers.js';

const until = (condition: () => boolean | Promise<boolean>) =>
  waitUntil(condition, { timeoutMs: 5_000 });
const logger = createLogger('test', 'silent');

const messages = (count: number, keys = 10, from = 0) =>
  Array.from({ length: count }, (_, i) => ({
    key: `k${(from + i) % keys}`,
    value: String(from + i),
  }));
const values = (seen: IncomingMessage[]) => seen.map((m) => m.value.toString());

describe('EmbeddedBus on disk', () => {
  const temp = tempDirs();

  it('finds every acknowledged message and committed offset again after a restart', async () => {
    const dir = await temp.dir();
    const topics = [{ name: 'events', partitions: 3 }];
    const first = await temp.open({ dir, topics, logger, batchSize: 40 });
    await first.publish('events', [
      { key: 'a', value: 'with headers', headers: { source: 'test' }, timestamp: 1_234 },
    ]);
    await first.publish('events', messages(299, 10, 1));
    const handled: string[] = [];
    const sub = await first.subscribe({
      topics: ['events'],
      group: 'store',
      fromBeginning: true,
      commit: 'manual',
      handleBatch: async (batch, context) => {
        handled.push(...values(batch.messages));
        // Commits the first batch of each partition only, with a checkpoint.
        const last = Number(batch.messages.at(-1)!.offset);
        if (batch.messages[0]!.offset === '0')
          await context.commit(String(last + 1), `checkpoint-${last}`);
      },
    });
    await until(() => handled.length === 300);
    await sub.close();
    const lagBefore = await first.lag('store', 'events');
    await first.close();

    const second = await temp.open({ dir, topics, logger });
    expect(await second.lag('store', 'events')).toEqual(lagBefore);
    expect(lagBefore.map((p) => [p.committed, p.metadata])).toEqual([
      ['40', 'checkpoint-39'],
      ['40', 'checkpoint-39'],
      ['40', 'checkpoint-39'],
    ]);
    const all = await readAll(second, 'events');
    expect(values(all).sort()).toEqual(
      ['with headers', ...Array.from({ length: 299 }, (_, i) => String(i + 1))].sort(),
    );
    expect(all.find((m) => m.value.toString() === 'with headers')).toMatchObject({
      key: 'a',
      headers: { source: 'test' },
      timestamp: 1_234,
    });

    // The group goes on from its commits: exactly what it had not committed comes again.
    const again: string[] = [];
    await second.subscribe({
      topics: ['events'],
      group: 'store',
      handleBatch: (batch) => {
        again.push(...values(batch.messages));
        return Promise.resolve();
      },
    });
    const uncommitted = lagBefore.reduce((sum, p) => sum + p.lag, 0);
    await until(() => again.length === uncommitted);
    // Offsets go on where they stopped.
    const endsBefore = await second.endOffsets('events');
    await second.publish('events', [{ key: 'x', value: 'after', partition: 0 }]);
    expect((await second.endOffsets('events'))[0]!.end).toBe(
      String(Number(endsBefore[0]!.end) + 1),
    );
  });

  it('numbers a new partition from the first offset and an existing one from where it stopped', async () => {
    const dir = await temp.dir();
    const first = await temp.open({
      dir,
      topics: [{ name: 'events', partitions: 1 }],
      logger,
      firstOffset: 1_000_000,
    });
    await first.publish('events', messages(3, 1));
    await first.close();
    const second = await temp.open({
      dir,
      topics: [
        { name: 'events', partitions: 1 },
        { name: 'new', partitions: 1 },
      ],
      logger,
      firstOffset: 5_000_000,
    });
    await second.publish('events', messages(1, 1));
    expect(await second.endOffsets('events')).toEqual([{ partition: 0, end: '1000004' }]);
    expect(await second.endOffsets('new')).toEqual([{ partition: 0, end: '5000000' }]);
  });

  it('shows consumers a message only once it is durable', async () => {
    const dir = await temp.dir();
    const bus = await temp.open({ dir, topics: [{ name: 'events', partitions: 1 }], logger });
    const published = bus.publish('events', messages(5, 1));
    expect(await bus.endOffsets('events')).toEqual([{ partition: 0, end: '0' }]);
    await published;
    expect(await bus.endOffsets('events')).toEqual([{ partition: 0, end: '5' }]);
  });

  it('delivers to groups, reads old messages from the files and finds offsets by time', async () => {
    const dir = await temp.dir();
    const bus = await temp.open({
      dir,
      topics: [{ name: 'events', partitions: 2 }],
      logger,
      batchSize: 64,
      batchBytes: 2_000,
      // Small segments and cache: most reads below go to the files.
      segmentBytes: 8 * 1024,
      cacheBytes: 4 * 1024,
    });
    const start = Date.now() - 100_000;
    for (let i = 0; i < 20; i++)
      await bus.publish(
        'events',
        messages(100, 10, i * 100).map((m) => ({ ...m, timestamp: start + i * 1_000 })),
      );
    const seen = new Map<number, number[]>();
    let largest = 0;
    await bus.subscribe({
      topics: ['events'],
      group: 'g',
      fromBeginning: true,
      handleBatch: (batch) => {
        largest = Math.max(largest, batch.messages.length);
        seen.set(batch.partition, [
          ...(seen.get(batch.partition) ?? []),
          ...batch.messages.map((m) => Number(m.offset)),
        ]);
        return Promise.resolve();
      },
    });
    await until(() => [...seen.values()].reduce((sum, s) => sum + s.length, 0) === 2_000);
    for (const offsets of seen.values())
      expect(offsets).toEqual(Array.from({ length: offsets.length }, (_, i) => i));
    // Bounded by bytes (about 40 bytes a record here), not only by count.
    expect(largest).toBeLessThan(64);

    const byTime = await bus.offsetsAt('events', start + 10_000);
    const all = await readAll(bus, 'events');
    for (const { partition, offset } of byTime) {
      const first = all
        .filter((m) => m.partition === partition && m.timestamp >= start + 10_000)
        .sort((a, b) => Number(a.offset) - Number(b.offset))[0]!;
      expect(offset).toBe(first.offset);
    }
    expect(await bus.offsetsAt('events', Date.now())).toEqual(
      (await bus.endOffsets('events')).map((p) => ({ partition: p.partition, offset: p.end })),
    );
  });

  it('publishes outputs and commits the input in one step, once, across a restart', async () => {
    const dir = await temp.dir();
    const topics = [
      { name: 'events', partitions: 1 },
      { name: 'out', partitions: 2 },
    ];
    const first = await temp.open({ dir, topics, logger, batchSize: 10 });
    await first.publish('events', messages(30, 1));
    let batches = 0;
    await first.subscribe({
      topics: ['events'],
      group: 'transform',
      fromBeginning: true,
      commit: 'manual',
      handleBatch: async (batch, context) => {
        batches++;
        const last = Number(batch.messages.at(-1)!.offset);
        await context.commitWith(
          [
            {
              topic: 'out',
              messages: batch.messages.map((m) => ({ key: m.value.toString(), value: m.value })),
            },
            { topic: 'out', messages: [] },
          ],
          String(last + 1),
          `checkpoint-${last}`,
        );
      },
    });
    await until(() => batches === 3);
    await first.close();

    const second = await temp.open({ dir, topics, logger });
    expect(await second.lag('transform', 'events')).toMatchObject([
      { committed: '30', metadata: 'checkpoint-29', lag: 0 },
    ]);
    const outputs = values(await readAll(second, 'out')).sort((a, b) => Number(a) - Number(b));
    expect(outputs).toEqual(Array.from({ length: 30 }, (_, i) => String(i)));
  });

  it('refuses a publish past the backlog limit', async () => {
    const dir = await temp.dir();
    const bus = await temp.open({
      dir,
      topics: [{ name: 'events', partitions: 1 }],
      logger,
      backlogBytes: 1_000,
    });
    const sub = await bus.subscribe({
      topics: ['events'],
      group: 'slow',
      commit: 'manual',
      handleBatch: () => Promise.resolve(),
    });
    sub.pause();
    await bus.publish('events', messages(40, 1));
    await expect(bus.publish('events', messages(40, 1))).rejects.toBeInstanceOf(BusOverloadedError);
  });

  it('keeps the committed offsets log small by rewriting it', async () => {
    const dir = await temp.dir();
    const topics = [{ name: 'events', partitions: 1 }];
    const first = await temp.open({ dir, topics, logger, offsetsLogBytes: 2_000, batchSize: 1 });
    await first.publish('events', messages(300, 1));
    let handled = 0;
    await first.subscribe({
      topics: ['events'],
      group: 'one-by-one',
      fromBeginning: true,
      commit: 'manual',
      handleBatch: async (batch, context) => {
        handled++;
        await context.commit(String(Number(batch.messages[0]!.offset) + 1), `m${handled}`);
      },
    });
    await until(() => handled === 300);
    await first.close();
    expect((await stat(join(dir, 'offsets.log'))).size).toBeLessThan(4_000);
    const second = await temp.open({ dir, topics, logger });
    expect(await second.lag('one-by-one', 'events')).toMatchObject([
      { committed: '300', metadata: 'm300', lag: 0 },
    ]);
  });

  it('writes nothing once closed', async () => {
    const dir = await temp.dir();
    const bus = await temp.open({ dir, topics: [{ name: 'events', partitions: 1 }], logger });
    const pending = bus.publish('events', messages(10, 1));
    await bus.close();
    await pending;
    const segment = join(dir, 'events', '0', (await readdir(join(dir, 'events', '0')))[0]!);
    const size = (await stat(segment)).size;
    await expect(bus.publish('events', messages(1, 1))).rejects.toThrow(/closed/);
    expect((await stat(segment)).size).toBe(size);
    expect(await readdir(dir)).not.toContain('bus.lock');
  });

  it('keeps where a new group started: what came before its first commit is read after a restart', async () => {
    const dir = await temp.dir();
    const topics = [{ name: 'events', partitions: 2 }];
    const before = await temp.open({ dir, topics, logger });
    await before.publish('events', messages(4, 4));
    await before.close();
    const first = await temp.open({ dir, topics, logger });
    // Joins at the end, and stops (as a crash would) before it commits anything.
    let seen = 0;
    await first.subscribe({
      topics: ['events'],
      group: 'late',
      commit: 'manual',
      handleBatch: (batch) => {
        seen += batch.messages.length;
        return Promise.resolve();
      },
    });
    await first.publish('events', messages(6, 4, 100));
    await until(() => seen === 6);
    await first.close();

    const second = await temp.open({ dir, topics, logger });
    const again: string[] = [];
    await second.subscribe({
      topics: ['events'],
      group: 'late',
      commit: 'manual',
      handleBatch: (batch) => {
        again.push(...values(batch.messages));
        return Promise.resolve();
      },
    });
    await until(() => again.length === 6);
    expect(again.sort()).toEqual(['100', '101', '102', '103', '104', '105']);
  });
});
