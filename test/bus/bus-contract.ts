import type { Bus, IncomingMessage } from '@sightline/ports';
import { afterEach, describe, expect, it } from 'vitest';
import { until as waitUntil } from '../until.js';

/** A bus with the given topics, new and empty; `name` maps a test's topic to its real name. */
export interface OpenedBus {
  bus: Bus;
  name: (topic: string) => string;
  close(): Promise<void>;
}

export type OpenBus = (topics: { name: string; partitions: number }[]) => Promise<OpenedBus>;

let groups = 0;
const newGroup = () => `contract-${Date.now().toString(36)}-${groups++}`;

/**
 * What every Bus adapter guarantees, run against each (the embedded log and Kafka): delivery
 * once per group in each key's order, resuming after the commit with its metadata, seeking,
 * outputs and the input's commit in one step, and offsets by time.
 */
export function busContract(adapter: string, open: OpenBus, timeoutMs = 30_000): void {
  const until = (condition: () => boolean | Promise<boolean>, what?: string) =>
    waitUntil(condition, { timeoutMs, ...(what ? { what } : {}) });

  describe(`the Bus contract on ${adapter}`, () => {
    let opened: OpenedBus | undefined;
    const start = async (topics: { name: string; partitions: number }[]) => {
      opened = await open(topics);
      return opened;
    };
    afterEach(async () => {
      await opened?.close();
      opened = undefined;
    });

    it('delivers every message once to each group, each key in the order it was published', async () => {
      const { bus, name } = await start([{ name: 'in', partitions: 3 }]);
      const sent = Array.from({ length: 300 }, (_, i) => ({ key: `v${i % 17}`, value: String(i) }));
      // Concurrent publishes: each resolves once the bus has the messages.
      await Promise.all([
        bus.publish(name('in'), sent.slice(0, 150)),
        bus.publish(name('in'), sent.slice(150)),
      ]);
      const seen: Record<string, IncomingMessage[]> = { a: [], b: [] };
      const groupOf = { a: newGroup(), b: newGroup() };
      for (const g of ['a', 'b'] as const)
        await bus.subscribe({
          topics: [name('in')],
          group: groupOf[g],
          fromBeginning: true,
          handleBatch: (batch) => {
            seen[g]!.push(...batch.messages);
            return Promise.resolve();
          },
        });
      await until(() => seen.a!.length >= 300 && seen.b!.length >= 300, 'both groups');
      for (const g of ['a', 'b'] as const) {
        const values = seen[g]!.map((m) => Number(m.value.toString()));
        expect(values).toHaveLength(300);
        expect(new Set(values).size).toBe(300);
        const byKey = new Map<string, number[]>();
        for (const m of seen[g]!)
          byKey.set(m.key!, [...(byKey.get(m.key!) ?? []), Number(m.value.toString())]);
        expect(byKey.size).toBe(17);
        for (const sequence of byKey.values())
          expect(sequence).toEqual([...sequence].sort((x, y) => x - y));
      }
    });

    it('resumes a group after its committed offset, with the metadata committed beside it', async () => {
      const { bus, name } = await start([{ name: 'in', partitions: 2 }]);
      const group = newGroup();
      const publish = (from: number, count: number) =>
        bus.publish(
          name('in'),
          Array.from({ length: count }, (_, i) => ({
            key: 'k',
            value: String(from + i),
            partition: (from + i) % 2,
          })),
        );
      const read = async (expected: number) => {
        const values: number[] = [];
        const subscription = await bus.subscribe({
          topics: [name('in')],
          group,
          fromBeginning: true,
          commit: 'manual',
          handleBatch: async (batch, context) => {
            values.push(...batch.messages.map((m) => Number(m.value.toString())));
            const next = (BigInt(batch.messages.at(-1)!.offset) + 1n).toString();
            await context.commit(next, `checkpoint-${batch.partition}`);
          },
        });
        await until(() => values.length >= expected, `${expected} messages`);
        await until(
          async () => (await bus.lag(group, name('in'))).every((p) => p.lag === 0),
          'commits',
        );
        await subscription.close();
        return values.sort((x, y) => x - y);
      };
      await publish(0, 20);
      expect(await read(20)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      const lag = await bus.lag(group, name('in'));
      expect(lag.map((p) => [p.partition, p.committed, p.metadata, p.lag])).toEqual([
        [0, '10', 'checkpoint-0', 0],
        [1, '10', 'checkpoint-1', 0],
      ]);
      // The same group again: only what came after its commit, nothing twice.
      await publish(20, 10);
      expect(await read(10)).toEqual(Array.from({ length: 10 }, (_, i) => 20 + i));
    });

    it('reads a partition again from where a handler seeks', async () => {
      const { bus, name } = await start([{ name: 'in', partitions: 1 }]);
      const sent = Array.from({ length: 50 }, (_, i) => ({ key: 'k', value: `s${i}` }));
      for (let i = 0; i < sent.length; i += 10)
        await bus.publish(name('in'), sent.slice(i, i + 10));
      const seen: string[] = [];
      let rewound = false;
      await bus.subscribe({
        topics: [name('in')],
        group: newGroup(),
        fromBeginning: true,
        handleBatch: (batch, context) => {
          seen.push(...batch.messages.map((m) => m.value.toString()));
          if (!rewound && seen.length >= 20) {
            rewound = true;
            context.seek('5');
          }
          return Promise.resolve();
        },
      });
      await until(() => seen.length >= 50 + 5 && seen.at(-1) === 's49', 'the read after the seek');
      // Everything from offset 5 again after the seek, in order.
      expect(seen.slice(-45)).toEqual(sent.slice(5).map((m) => m.value));
    });

    it('publishes outputs and commits the input in one step', async () => {
      const { bus, name } = await start([
        { name: 'in', partitions: 1 },
        { name: 'out', partitions: 1 },
      ]);
      await bus.publish(
        name('in'),
        [0, 1, 2].map((i) => ({ key: 'k', value: `in-${i}` })),
      );
      const group = newGroup();
      let transformed = 0;
      await bus.subscribe({
        topics: [name('in')],
        group,
        fromBeginning: true,
        commit: 'manual',
        handleBatch: async (batch, context) => {
          await context.commitWith(
            [
              {
                topic: name('out'),
                messages: batch.messages.map((m) => ({
                  key: 'k',
                  value: `out-${m.value.toString()}`,
                })),
              },
            ],
            (BigInt(batch.messages.at(-1)!.offset) + 1n).toString(),
            'cp',
          );
          transformed += batch.messages.length;
        },
      });
      await until(() => transformed >= 3, 'the transform');
      await until(
        async () => (await bus.lag(group, name('in')))[0]!.committed === '3',
        'the commit',
      );
      expect((await bus.lag(group, name('in')))[0]).toMatchObject({
        committed: '3',
        metadata: 'cp',
        lag: 0,
      });
      // A reader sees the outputs (read-committed on Kafka).
      const seen: string[] = [];
      await bus.subscribe({
        topics: [name('out')],
        group: newGroup(),
        fromBeginning: true,
        handleBatch: (batch) => {
          seen.push(...batch.messages.map((m) => m.value.toString()));
          return Promise.resolve();
        },
      });
      await until(() => seen.length >= 3, 'the outputs');
      expect(seen.sort()).toEqual(['out-in-0', 'out-in-1', 'out-in-2']);
    });

    it('finds the first offset written at or after a time', async () => {
      const { bus, name } = await start([{ name: 'in', partitions: 1 }]);
      const base = Date.now() - 60_000;
      for (const [i, ts] of [0, 4_000, 8_000].entries())
        await bus.publish(name('in'), [{ key: 'k', value: String(i), timestamp: base + ts }]);
      const at = async (ts: number) => (await bus.offsetsAt(name('in'), ts))[0]!.offset;
      expect([
        await at(base - 1_000),
        await at(base),
        await at(base + 3_000),
        await at(base + 8_000),
        await at(base + 9_000),
      ]).toEqual(['0', '0', '1', '2', '3']);
      expect(await bus.endOffsets(name('in'))).toEqual([{ partition: 0, end: '3' }]);
    });
  });
}
