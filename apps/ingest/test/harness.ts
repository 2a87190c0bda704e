import { KafkaBus, TOPIC, topicName } from '@sightline/bus';
import { loadConfig, type KafkaConfig } from '@sightline/config';
import { BusConfigStore, Sites } from '@sightline/config-store';
import { readEventsTopicMessage, type CollectedEvent } from '@sightline/contract';
import { createLogger, createMetrics } from '@sightline/observability';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { services, uniqueName } from '../../../test/integration/services.js';
import { startIngest, type Ingest } from '../src/index.js';

export const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

export interface Harness {
  ingest: Ingest;
  url: string;
  /** Its readiness and metrics. */
  opsUrl: string;
  kafka: KafkaConfig;
  bus: KafkaBus;
  /** Everything that reached the events topic so far: key and parsed event. */
  received: { key: string; event: CollectedEvent }[];
  /** Clock messages seen, by partition. */
  clocks: { partition: number; at: number }[];
  publishAssistance(message: object): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Ingest on real Kafka, with topics of its own (a unique prefix), the given sites, and a
 * consumer recording what reaches the events topic.
 */
export async function startHarness(
  options: {
    sites?: { key: string; origins: string[]; scrubParams?: string[] }[];
    ipRate?: number;
    siteRate?: number;
    brokers?: string[];
  } = {},
): Promise<Harness> {
  const prefix = `${uniqueName('ingest')}.`;
  const kafka = loadConfig({
    KAFKA_BROKERS: (options.brokers ?? services.kafkaBrokers).join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_EVENTS_PARTITIONS: '3',
  }).kafka;
  const logger = createLogger('ingest-test', 'silent');
  const bus = new KafkaBus({
    config: kafka,
    logger,
    clientSuffix: 'ingest-test',
    publisher: { sendTimeoutMs: 4_000 },
  });
  await bus.ensureTopics();
  const configStore = new BusConfigStore(bus, topicName(prefix, TOPIC.config), logger);
  await configStore.start();
  for (const site of options.sites ?? [
    { key: 'shop', origins: ['http://shop.test'], scrubParams: ['customer_id'] },
    { key: 'open', origins: ['*'] },
  ]) {
    await new Sites(configStore).put({ ...site, name: site.key, createdAt: Date.now() });
  }
  const ingest = await startIngest({
    bus,
    configStore,
    logger,
    registry: createMetrics('ingest-test'),
    secret: 'test-secret',
    host: '127.0.0.1',
    port: 0,
    topicPrefix: prefix,
    ipRate: options.ipRate ?? 10_000,
    siteRate: options.siteRate ?? 1_000_000,
    clockMs: 200,
    ops: { host: '127.0.0.1', port: 0 },
  });

  const received: Harness['received'] = [];
  const clocks: Harness['clocks'] = [];
  const client = new Kafka({ brokers: kafka.brokers, logLevel: logLevel.NOTHING });
  const consumer: Consumer = client.consumer({ groupId: uniqueName('probe'), maxWaitTimeInMs: 50 });
  await consumer.connect();
  await consumer.subscribe({ topic: topicName(prefix, TOPIC.events), fromBeginning: true });
  await consumer.run({
    eachMessage: ({ partition, message }) => {
      const read = readEventsTopicMessage(message.value!);
      if (read.kind === 'clock') clocks.push({ partition, at: read.at });
      else for (const event of read.events) received.push({ key: message.key!.toString(), event });
      return Promise.resolve();
    },
  });
  const producer = client.producer();
  await producer.connect();

  return {
    ingest,
    url: ingest.url,
    opsUrl: `http://127.0.0.1:${ingest.opsPort!}`,
    kafka,
    bus,
    received,
    clocks,
    async publishAssistance(message) {
      await producer.send({
        topic: topicName(prefix, TOPIC.assistance),
        messages: [{ key: 'x', value: JSON.stringify(message) }],
      });
    },
    async stop() {
      await ingest.close();
      await consumer.disconnect();
      await producer.disconnect();
      await configStore.close();
      await bus.close();
    },
  };
}
