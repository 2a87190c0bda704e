import { loadConfig } from '@sightline/config';
import { createLogger } from '@sightline/observability';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services, uniqueName } from '../../../test/integration/services.js';
import { until } from '../../../test/until.js';
import { type PartitionBatch } from '@sightline/ports';
import { KafkaBus, TOPIC, topicName } from '../src/index.js';

const logger = createLogger('bus-test', 'silent');

describe('KafkaBus on a real broker', () => {
  const prefix = `${uniqueName('bus')}.`;
  const config = loadConfig({
    KAFKA_BROKERS: services.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_EVENTS_PARTITIONS: '3',
  }).kafka;
  const events = topicName(prefix, TOPIC.events);
  const admin = new Kafka({ brokers: config.brokers, logLevel: logLevel.NOTHING }).admin();
  const buses: KafkaBus[] = [];
  const newBus = () => {
    const bus = new KafkaBus({ config, logger, clientSuffix: 'test' });
    buses.push(bus);
    return bus;
  };

  beforeAll(async () => {
    await admin.connect();
  });
  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    const mine = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    await admin.deleteTopics({ topics: mine });
    await admin.disconnect();
  });

  it('creates every topic once, even when two processes race to do it', async () => {
    await Promise.all([newBus().ensureTopics(), newBus().ensureTopics()]);
    await newBus().ensureTopics(); // and again: nothing to do

    const metadata = await admin.fetchTopicMetadata({
      topics: Object.values(TOPIC).map((id) => topicName(prefix, id)),
    });
    const partitions = Object.fromEntries(
      metadata.topics.map((t) => [t.name.slice(prefix.length), t.partitions.length]),
    );
    expect(partitions).toEqual({
      events: 3,
      assistance: 3,
      'profile-hits': 3,
      aggregates: 1,
      alerts: 1,
      config: 1,
      'dead-letters': 1,
    });
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        { type: 2, name: topicName(prefix, TOPIC.config), configNames: ['cleanup.policy'] },
      ],
    });
    expect(described.resources[0]!.configEntries[0]!.configValue).toBe('compact');
  });

  it('publishes with acknowledgement and consumes through a group that commits its offsets', async () => {
    const bus = newBus();
    await bus.ensureTopics();
    const sent = Array.from({ length: 300 }, (_, i) => ({
      key: `site:v${i % 17}`,
      value: `m${i}`,
    }));
    // Concurrent publishes share produce requests; each resolves only once acknowledged.
    await Promise.all([
      bus.publish(events, sent.slice(0, 150)),
      bus.publish(events, sent.slice(150)),
    ]);

    const received: string[] = [];
    const subscription = await bus.subscribe({
      topics: [events],
      group: uniqueName('group'),
      fromBeginning: true,
      handleBatch: (batch) => {
        received.push(...batch.messages.map((m) => m.value.toString()));
        return Promise.resolve();
      },
    });
    await until(() => received.length >= 300);
    expect(new Set(received)).toEqual(new Set(sent.map((m) => m.value)));
    expect(received).toHaveLength(300);
    // The commit follows the handler: poll until the group's committed offsets reach the end.
    let lag = await bus.lag(subscription.group, events);
    for (let i = 0; i < 50 && lag.some((p) => p.lag !== 0); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      lag = await bus.lag(subscription.group, events);
    }
    expect(lag.map((p) => p.lag)).toEqual([0, 0, 0]);
    expect(lag.every((p) => p.committed !== null)).toBe(true);
  });

  it('writes to a chosen partition and commits metadata with an offset', async () => {
    const bus = newBus();
    await bus.ensureTopics();
    const before = await bus.endOffsets(events);
    await bus.publish(
      events,
      [0, 1, 2].map((partition) => ({ key: 'clock', value: `p${partition}`, partition })),
    );
    const after = await bus.endOffsets(events);
    expect(after.map((p, i) => BigInt(p.end) - BigInt(before[i]!.end))).toEqual([1n, 1n, 1n]);

    const group = uniqueName('meta');
    const seen = new Map<number, { value: string; caughtUp: boolean }>();
    const subscription = await bus.subscribe({
      topics: [events],
      group,
      fromBeginning: true,
      commit: 'manual',
      handleBatch: async (batch, context) => {
        const last = batch.messages.at(-1)!;
        seen.set(batch.partition, {
          value: last.value.toString(),
          caughtUp: BigInt(last.offset) + 1n === BigInt(batch.highWatermark),
        });
        await context.commit(last.offset, `checkpoint ${batch.partition}`);
      },
    });
    await until(() =>
      [0, 1, 2].every((p) => seen.get(p)?.value === `p${p}` && seen.get(p)?.caughtUp),
    );
    await subscription.close();
    const lag = await bus.lag(group, events);
    expect(lag.map((p) => [p.committed, p.metadata])).toEqual(
      after.map((p) => [(BigInt(p.end) - 1n).toString(), `checkpoint ${p.partition}`]),
    );
  });

  it('handles partitions at the same time when asked', async () => {
    const bus = newBus();
    await bus.ensureTopics();
    const key = uniqueName('together');
    await bus.publish(
      events,
      [0, 1, 2].map((partition) => ({ key, value: String(partition), partition })),
    );
    let active = 0;
    let most = 0;
    const seen = new Set<number>();
    await bus.subscribe({
      topics: [events],
      group: uniqueName('together'),
      fromBeginning: true,
      partitionsConcurrently: 3,
      handleBatch: async (batch) => {
        if (!batch.messages.some((m) => m.key === key)) return;
        active++;
        most = Math.max(most, active);
        // Long enough for the other partitions' batches to start meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        seen.add(batch.partition);
        active--;
      },
    });
    await until(() => seen.size === 3, { timeoutMs: 30_000 });
    expect(most).toBeGreaterThan(1);
  });

  it('hands a departed member’s partitions to the other member without loss or repeats', async () => {
    const bus = newBus();
    await bus.ensureTopics();
    const group = uniqueName('takeover');
    const tag = uniqueName('round');
    const seen = { first: [] as string[], second: [] as string[] };
    const assignments = { first: [] as number[][], second: [] as number[][] };
    const member = (name: 'first' | 'second') =>
      bus.subscribe({
        topics: [events],
        group,
        handleBatch: (batch: PartitionBatch) => {
          for (const m of batch.messages) {
            const value = m.value.toString();
            if (value.startsWith(tag)) seen[name].push(value);
          }
          return Promise.resolve();
        },
        onAssignment: (assignment) =>
          void assignments[name].push(assignment.map((p) => p.partition)),
      });

    const first = await member('first');
    const second = await member('second');
    // Both members own partitions once the group has settled.
    await until(
      () =>
        (assignments.first.at(-1)?.length ?? 0) > 0 &&
        (assignments.second.at(-1)?.length ?? 0) > 0 &&
        assignments.first.at(-1)!.length + assignments.second.at(-1)!.length === 3,
    );

    const round = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) => ({
        key: `site:v${from + i}`,
        value: `${tag}-${from + i}`,
      }));
    await bus.publish(events, round(300, 0));
    await until(() => seen.first.length + seen.second.length === 300);
    expect(seen.first.length).toBeGreaterThan(0);
    expect(seen.second.length).toBeGreaterThan(0);

    await first.close();
    await until(() => assignments.second.at(-1)?.length === 3);
    await bus.publish(events, round(300, 300));
    await until(() => seen.first.length + seen.second.length === 600);

    const all = [...seen.first, ...seen.second];
    expect(new Set(all).size).toBe(600);
    expect(all).toHaveLength(600);
    await second.close();
  });
});
