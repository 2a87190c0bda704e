import { EmbeddedBus, TOPIC, topicName, topicSpecs } from '@sightline/bus';
import { loadConfig } from '@sightline/config';
import {
  CLOCK_KEY,
  encodeClockMessage,
  encodeEventsMessage,
  readEventsTopicMessage,
} from '@sightline/contract';
import { openEmbeddedStores, type EmbeddedStores } from '@sightline/store-embedded';
import { createLogger, createMetrics } from '@sightline/observability';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { generateStream, type Message } from '../../../test/streams/generate-stream.js';
import { until } from '../../../test/until.js';
import { startProcessor, type Processor } from '../src/index.js';
import { SETTINGS, verifyResults } from './verify-results.js';

const logger = createLogger('processor-test', 'silent');

describe('the processor on the embedded bus and the DuckDB store', () => {
  const config = loadConfig({
    KAFKA_EVENTS_PARTITIONS: '4',
    PROCESSOR_ALLOWED_LATENESS_MS: String(SETTINGS.allowedLatenessMs),
    PROCESSOR_SESSION_TIMEOUT_MS: String(SETTINGS.sessionTimeoutMs),
    PROCESSOR_FLUSH_MS: '300',
    PROCESSOR_LIVE_FLUSH_MS: '50',
  });
  const events = topicName(config.kafka.topicPrefix, TOPIC.events);
  const bus = new EmbeddedBus({ topics: topicSpecs(config.kafka), logger, batchSize: 200 });
  let stores: EmbeddedStores;
  let processor: Processor;

  beforeAll(async () => {
    stores = await openEmbeddedStores(':memory:');
    await stores.ensureSchemas();
    processor = await startProcessor({
      bus,
      stores,
      logger,
      registry: createMetrics('processor-test'),
      topicPrefix: config.kafka.topicPrefix,
      settings: config.processor,
    });
  });
  afterAll(async () => {
    await processor.close();
    await bus.close();
    await stores.close();
  });

  it('stores exactly what an independent computation gives, through the same ports', async () => {
    for (const message of generateStream(33, 2_000)) {
      if (message.clock !== undefined) {
        const value = encodeClockMessage(message.clock);
        await bus.publish(
          events,
          [0, 1, 2, 3].map((partition) => ({ key: CLOCK_KEY, value, partition })),
        );
      } else {
        const first = message.events[0]!;
        await bus.publish(events, [
          { key: `${first.site}:${first.visitor}`, value: encodeEventsMessage(message.events) },
        ]);
      }
    }
    await until(
      async () =>
        (await bus.lag(config.processor.group, events)).every(
          (partition) => partition.committed !== null && partition.lag === 0,
        ),
      { timeoutMs: 60_000, what: 'processor caught up' },
    );

    // The topic as the processor saw it, read back by a group of its own.
    const topic = new Map<number, Message[]>([0, 1, 2, 3].map((p) => [p, []]));
    const ends = await bus.endOffsets(events);
    const total = ends.reduce((sum, end) => sum + Number(end.end), 0);
    let read = 0;
    const reader = await bus.subscribe({
      topics: [events],
      group: 'read-back',
      fromBeginning: true,
      handleBatch: (batch) => {
        for (const message of batch.messages) {
          const decoded = readEventsTopicMessage(message.value);
          topic.get(batch.partition)!.push({
            offset: Number(message.offset),
            events: decoded.kind === 'events' ? decoded.events : [],
            ...(decoded.kind === 'clock' ? { clock: decoded.at } : {}),
          });
        }
        read += batch.messages.length;
        return Promise.resolve();
      },
    });
    await until(() => read === total, { what: 'topic read back' });
    await reader.close();

    await verifyResults(topic, stores);
  });
});

describe('a log that dropped what was never committed', () => {
  it('resumes from the first message still there, instead of seeking back forever', async () => {
    const config = loadConfig({ KAFKA_EVENTS_PARTITIONS: '1', PROCESSOR_LIVE_FLUSH_MS: '10' });
    const events = topicName(config.kafka.topicPrefix, TOPIC.events);
    // Keeps 40 messages: far fewer than the open window below holds.
    const bus = new EmbeddedBus({
      topics: topicSpecs(config.kafka),
      logger,
      batchSize: 10,
      retentionPerPartition: 40,
    });
    const stores = await openEmbeddedStores(':memory:');
    await stores.ensureSchemas();
    const start = (name: string) =>
      startProcessor({
        bus,
        stores,
        logger,
        registry: createMetrics(name),
        topicPrefix: config.kafka.topicPrefix,
        settings: config.processor,
      });
    const first = await start('first');
    const stream = generateStream(5, 200).filter((m) => m.clock === undefined);
    const at = stream[0]!.events[0]!.receivedAt;
    for (const message of stream) {
      // One window for all: the commit stays at its first message while the log moves on.
      const same = message.events.map((e) => ({ ...e, ts: at, receivedAt: at }));
      await bus.publish(events, [{ key: 'k', value: encodeEventsMessage(same) }]);
    }
    // A second copy joins: the partition is rebuilt from its commit, which the log no longer has.
    const second = await start('second');
    await bus.publish(events, [
      { key: CLOCK_KEY, value: encodeClockMessage(at + 3_600_000), partition: 0 },
    ]);
    await until(
      async () => {
        const [lag] = await bus.lag(config.processor.group, events);
        return lag?.committed === lag?.end;
      },
      { timeoutMs: 20_000, what: 'commit at the end of the log' },
    );
    await Promise.all([first.close(), second.close()]);
    await bus.close();
    await stores.close();
  });
});
