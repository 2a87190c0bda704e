import { createLogger } from '@sightline/observability';
import { afterEach, describe, expect, it } from 'vitest';
import { until as waitUntil } from '../../../test/until.js';
import { type IncomingMessage, type PartitionBatch } from '@sightline/ports';
import { BusOverloadedError, EmbeddedBus } from '../src/index.js';

const until = (condition: () => boolean) => waitUntil(condition, { timeoutMs: 5_000 });
const logger = createLogger('test', 'silent');

const messages = (count: number, keys = 10) =>
  Array.from({ length: count }, (_, i) => ({ key: `k${i % keys}`, value: String(i) }));

describe('EmbeddedBus', () => {
  let bus: EmbeddedBus;
  afterEach(async () => {
    await bus.close();
  });

  function newBus(partitions = 4) {
    bus = new EmbeddedBus({ topics: [{ name: 'events', partitions }], logger, batchSize: 50 });
    return bus;
  }

  it('delivers every message once per group, in key order', async () => {
    newBus();
    await bus.publish('events', messages(1_000));
    const seen: Record<string, IncomingMessage[]> = { a: [], b: [] };
    for (const group of ['a', 'b']) {
      await bus.subscribe({
        topics: ['events'],
        group,
        fromBeginning: true,
        handleBatch: (batch) => {
          seen[group]!.push(...batch.messages);
          return Promise.resolve();
        },
      });
    }
    await until(() => seen.a!.length === 1_000 && seen.b!.length === 1_000);
    for (const group of ['a', 'b']) {
      const values = seen[group]!.map((m) => Number(m.value.toString()));
      expect(new Set(values).size).toBe(1_000);
      const byKey = new Map<string, number[]>();
      for (const m of seen[group]!)
        byKey.set(m.key!, [...(byKey.get(m.key!) ?? []), Number(m.value.toString())]);
      for (const sequence of byKey.values())
        expect(sequence).toEqual([...sequence].sort((x, y) => x - y));
    }
    expect((await bus.lag('a', 'events')).reduce((sum, p) => sum + p.lag, 0)).toBe(0);
  });

  it('starts a new group at the end unless asked for the beginning', async () => {
    newBus();
    await bus.publish('events', messages(10));
    const seen: IncomingMessage[] = [];
    await bus.subscribe({
      topics: ['events'],
      group: 'late',
      handleBatch: (batch) => {
        seen.push(...batch.messages);
        return Promise.resolve();
      },
    });
    await bus.publish('events', [{ key: 'x', value: 'new' }]);
    await until(() => seen.length === 1);
    expect(seen[0]!.value.toString()).toBe('new');
  });

  it('shares partitions in a group and hands them over from the committed offset', async () => {
    newBus(4);
    const handled: string[] = [];
    const assignments: number[][] = [];
    const handler = (batch: PartitionBatch) => {
      handled.push(...batch.messages.map((m) => m.value.toString()));
      return Promise.resolve();
    };
    const first = await bus.subscribe({
      topics: ['events'],
      group: 'g',
      fromBeginning: true,
      handleBatch: handler,
      onAssignment: (a) => void assignments.push(a.map((p) => p.partition)),
    });
    await bus.subscribe({
      topics: ['events'],
      group: 'g',
      fromBeginning: true,
      handleBatch: handler,
      onAssignment: (a) => void assignments.push(a.map((p) => p.partition)),
    });
    // After the second member joined, the first holds two partitions and the second two.
    expect(assignments.slice(-2).map((a) => a.length)).toEqual([2, 2]);

    await bus.publish('events', messages(400));
    await until(() => handled.length === 400);
    await first.close();
    await bus.publish('events', messages(400));
    await until(() => handled.length === 800);
    expect(new Set(handled).size).toBe(400); // values repeat across the two rounds, none lost
    expect(handled).toHaveLength(800);
  });

  it('redelivers what a manual-commit handler did not commit', async () => {
    newBus(1);
    await bus.publish('events', messages(100, 1));
    const firstRun: string[] = [];
    const sub = await bus.subscribe({
      topics: ['events'],
      group: 'm',
      fromBeginning: true,
      commit: 'manual',
      handleBatch: async (batch, context) => {
        firstRun.push(...batch.messages.map((m) => m.value.toString()));
        // Only the first 30 messages are made durable.
        if (Number(batch.messages[0]!.offset) === 0) await context.commit('30');
      },
    });
    await until(() => firstRun.length === 100);
    await sub.close();

    const secondRun: string[] = [];
    await bus.subscribe({
      topics: ['events'],
      group: 'm',
      fromBeginning: true,
      handleBatch: (batch) => {
        secondRun.push(...batch.messages.map((m) => m.value.toString()));
        return Promise.resolve();
      },
    });
    await until(() => secondRun.length === 70);
    expect(secondRun[0]).toBe('30');
  });

  it('stores commit metadata with the offset and says where a partition ends', async () => {
    newBus(2);
    await bus.publish('events', [
      { key: 'x', value: 'to-0', partition: 0 },
      { key: 'x', value: 'to-1', partition: 1 },
    ]);
    await expect(
      bus.publish('events', [{ key: 'x', value: 'nowhere', partition: 2 }]),
    ).rejects.toThrow(/no partition 2/);
    const seen: { partition: number; value: string; highWatermark: string }[] = [];
    await bus.subscribe({
      topics: ['events'],
      group: 'meta',
      fromBeginning: true,
      commit: 'manual',
      handleBatch: async (batch, context) => {
        for (const m of batch.messages)
          seen.push({
            partition: batch.partition,
            value: m.value.toString(),
            highWatermark: batch.highWatermark,
          });
        await context.commit('1', `checkpoint-${batch.partition}`);
      },
    });
    await until(() => seen.length === 2);
    expect(seen.sort((a, b) => a.partition - b.partition)).toEqual([
      { partition: 0, value: 'to-0', highWatermark: '1' },
      { partition: 1, value: 'to-1', highWatermark: '1' },
    ]);
    const lag = await bus.lag('meta', 'events');
    expect(lag.map((p) => [p.committed, p.metadata])).toEqual([
      ['1', 'checkpoint-0'],
      ['1', 'checkpoint-1'],
    ]);
  });

  it('handles several partitions at once when asked, each still in offset order', async () => {
    newBus(4);
    await bus.publish('events', messages(400, 40));
    let active = 0;
    let most = 0;
    const offsets = new Map<number, number[]>();
    await bus.subscribe({
      topics: ['events'],
      group: 'concurrent',
      fromBeginning: true,
      partitionsConcurrently: 4,
      handleBatch: async (batch) => {
        active++;
        most = Math.max(most, active);
        await new Promise((resolve) => setTimeout(resolve, 20));
        const seen = offsets.get(batch.partition) ?? [];
        seen.push(...batch.messages.map((m) => Number(m.offset)));
        offsets.set(batch.partition, seen);
        active--;
      },
    });
    await until(() => [...offsets.values()].reduce((sum, seen) => sum + seen.length, 0) === 400);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(4);
    for (const seen of offsets.values())
      expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i));
  });

  it('numbers messages from the first offset it was given', async () => {
    bus = new EmbeddedBus({
      topics: [{ name: 'events', partitions: 1 }],
      logger,
      firstOffset: 1_000_000,
    });
    await bus.publish('events', messages(3, 1));
    expect(await bus.lag('nobody', 'events')).toMatchObject([
      { committed: null, end: '1000003', lag: 3 },
    ]);
    const offsets: string[] = [];
    await bus.subscribe({
      topics: ['events'],
      group: 'from-first',
      fromBeginning: true,
      handleBatch: (batch) => {
        offsets.push(...batch.messages.map((m) => m.offset));
        return Promise.resolve();
      },
    });
    await until(() => offsets.length === 3);
    expect(offsets).toEqual(['1000000', '1000001', '1000002']);
  });

  it('pauses and resumes delivery', async () => {
    newBus(1);
    const seen: string[] = [];
    const sub = await bus.subscribe({
      topics: ['events'],
      group: 'p',
      handleBatch: (batch) => {
        seen.push(...batch.messages.map((m) => m.value.toString()));
        return Promise.resolve();
      },
    });
    sub.pause();
    await bus.publish('events', messages(5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([]);
    sub.resume();
    await until(() => seen.length === 5);
  });

  it('retries a batch whose handler failed', async () => {
    newBus(1);
    let attempts = 0;
    const seen: string[] = [];
    await bus.subscribe({
      topics: ['events'],
      group: 'r',
      handleBatch: (batch) => {
        attempts++;
        if (attempts === 1) return Promise.reject(new Error('store down'));
        seen.push(...batch.messages.map((m) => m.value.toString()));
        return Promise.resolve();
      },
    });
    await bus.publish('events', messages(3, 1));
    await until(() => seen.length === 3);
    expect(attempts).toBe(2);
    expect(seen).toEqual(['0', '1', '2']);
  });

  it('refuses an unknown topic', async () => {
    newBus();
    await expect(bus.publish('nope', messages(1))).rejects.toThrow(/unknown topic/);
    await expect(
      bus.subscribe({ topics: ['nope'], group: 'x', handleBatch: () => Promise.resolve() }),
    ).rejects.toThrow(/unknown topic/);
  });

  it('refuses a publish past the backlog limit until the slowest group reads, and loses nothing', async () => {
    // Messages of 10 bytes (a 1-byte key, a 9-byte value): 100 of them fill the limit.
    bus = new EmbeddedBus({
      topics: [{ name: 'events', partitions: 1 }],
      logger,
      batchSize: 50,
      backlogBytes: 1_000,
    });
    const seen: string[] = [];
    let release = () => undefined as void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const slow = await bus.subscribe({
      topics: ['events'],
      group: 'slow',
      commit: 'manual',
      handleBatch: (batch) => {
        seen.push(...batch.messages.map((m) => m.value.toString()));
        return Promise.resolve();
      },
    });
    // A broadcast reader never holds the publisher back.
    await bus.subscribe({
      topics: ['events'],
      group: 'live',
      commit: 'none',
      handleBatch: () => stuck,
    });
    slow.pause();
    const batch = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ key: 'k', value: String(from + i).padStart(9) }));
    await bus.publish('events', batch(0, 60));
    await bus.publish('events', batch(60, 40));
    // All or nothing: 100 unread + 1 is past the limit, so nothing of this batch is taken.
    const refused = bus.publish('events', batch(100, 1));
    await expect(refused).rejects.toBeInstanceOf(BusOverloadedError);
    await expect(refused).rejects.toThrow(/holds 1000 unread bytes/);
    expect((await bus.endOffsets('events'))[0]!.end).toBe('100');

    slow.resume();
    await until(() => seen.length === 100);
    await bus.publish('events', batch(100, 100));
    await until(() => seen.length === 200);
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => String(i).padStart(9)));
    release();
  });

  it('counts as backlog what a group has not committed, not what it reads again', async () => {
    // The chatbot rebuilds its scores after a restart by reading again what it had committed:
    // ingest must not be refused meanwhile.
    bus = new EmbeddedBus({
      topics: [{ name: 'events', partitions: 1 }],
      logger,
      backlogBytes: 1_000,
    });
    let release = () => undefined as void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    let phase: 'read' | 'rewind' | 'rebuilding' = 'read';
    let read = 0;
    let reread = 0;
    await bus.subscribe({
      topics: ['events'],
      group: 'scores',
      commit: 'manual',
      handleBatch: async (batch, context) => {
        if (phase === 'rebuilding') {
          reread += batch.messages.length;
          return stuck;
        }
        await context.commit(String(Number(batch.messages.at(-1)!.offset) + 1));
        read += batch.messages.length;
        if (phase === 'rewind') {
          phase = 'rebuilding';
          context.seek('0');
        }
      },
    });
    const batch = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({ key: 'k', value: String(from + i).padStart(9) }));
    await bus.publish('events', batch(0, 90));
    await until(() => read === 90);
    phase = 'rewind';
    await bus.publish('events', batch(90, 1));
    await until(() => reread > 0);
    // 910 bytes read again, all committed: none of it is backlog, so 200 more are taken.
    await bus.publish('events', batch(91, 20));
    expect((await bus.endOffsets('events'))[0]!.end).toBe('111');
    release();
  });

  it('takes a batch larger than the limit into a partition with nothing unread', async () => {
    bus = new EmbeddedBus({
      topics: [{ name: 'events', partitions: 1 }],
      logger,
      backlogBytes: 10,
    });
    await bus.subscribe({
      topics: ['events'],
      group: 'g',
      handleBatch: () => Promise.resolve(),
    });
    await bus.publish('events', messages(25, 1));
    expect((await bus.endOffsets('events'))[0]!.end).toBe('25');
  });

  it('drops messages past their time once every committing group has committed past them', async () => {
    bus = new EmbeddedBus({
      topics: [
        { name: 'events', partitions: 1 },
        { name: 'other', partitions: 1 },
      ],
      logger,
      retentionMs: 60_000,
    });
    const old = Date.now() - 120_000;
    const stamped = (count: number, timestamp: number) =>
      messages(count, 1).map((m) => ({ ...m, timestamp }));
    const seen: string[] = [];
    let hold = true;
    await bus.subscribe({
      topics: ['events'],
      group: 'store',
      fromBeginning: true,
      commit: 'manual',
      handleBatch: async (batch, context) => {
        seen.push(...batch.messages.map((m) => m.offset));
        if (!hold) await context.commit(String(Number(batch.messages.at(-1)!.offset) + 1));
      },
    });
    // Neither a broadcast reader nor a group of another topic holds messages back.
    await bus.subscribe({
      topics: ['events'],
      group: 'live',
      commit: 'none',
      handleBatch: () => Promise.resolve(),
    });
    await bus.subscribe({ topics: ['other'], group: 'x', handleBatch: () => Promise.resolve() });
    const start = async () => (await bus.offsetsAt('events', 0))[0]!.offset;

    await bus.publish('events', stamped(5, old));
    await until(() => seen.length === 5);
    await bus.publish('events', stamped(1, Date.now()));
    await until(() => seen.length === 6);
    // Old, but not committed: kept.
    expect(await start()).toBe('0');

    hold = false;
    await bus.publish('events', stamped(1, Date.now()));
    await until(() => seen.length === 7);
    await bus.publish('events', stamped(1, Date.now()));
    // The five old ones are gone; the recent ones stay though committed.
    expect(await start()).toBe('5');
    expect((await bus.endOffsets('events'))[0]!.end).toBe('8');
  });
});
