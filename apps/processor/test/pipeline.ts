import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { KafkaBus, TOPIC, topicName } from '@sightline/bus';
import { loadConfig, type Config } from '@sightline/config';
import {
  CLOCK_KEY,
  encodeClockMessage,
  encodeEventsMessage,
  readEventsTopicMessage,
} from '@sightline/contract';
import {
  createElasticsearchClient,
  ElasticsearchEventStore,
  ElasticsearchSessionStore,
  ElasticsearchWindowStore,
} from '@sightline/store-elasticsearch';
import { createInfluxTransport, InfluxMetricsStore } from '@sightline/store-influxdb';
import { createLogger, createMetrics, type Registry } from '@sightline/observability';
import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import { services, uniqueName } from '../../../test/integration/services.js';
import type { Message } from '../../../test/streams/generate-stream.js';
import { until } from '../../../test/until.js';
import { distributedStores } from '@sightline/runtime/distributed';
import { startProcessor, type Processor } from '../src/index.js';
import { SETTINGS, verifyResults } from './verify-results.js';

const root = join(import.meta.dirname, '..', '..', '..');
export { SETTINGS } from './verify-results.js';
export interface PipelineOptions {
  kafkaBrokers?: string[];
  elasticsearchUrl?: string;
  influxdbUrl?: string;
  partitions?: number;
}

/**
 * The processor's world for one test: topics, indices and a database of its own on the real
 * servers, a way to publish a generated stream as ingest would, processors in this process or as
 * child processes (to kill -9), and the exact comparison of what the stores hold with an
 * independent computation from the topic's contents.
 */
export class Pipeline {
  readonly env: Record<string, string>;
  readonly config: Config;
  readonly bus: KafkaBus;
  private readonly eventsTopic: string;
  private readonly children = new Set<ChildProcess>();
  private readonly logger = createLogger('processor-test', 'silent');

  constructor(options: PipelineOptions = {}) {
    const name = uniqueName('proc');
    this.env = {
      KAFKA_BROKERS: (options.kafkaBrokers ?? services.kafkaBrokers).join(','),
      KAFKA_TOPIC_PREFIX: `${name}.`,
      KAFKA_EVENTS_PARTITIONS: String(options.partitions ?? 4),
      ELASTICSEARCH_URL: options.elasticsearchUrl ?? services.elasticsearchUrl,
      ELASTICSEARCH_INDEX_PREFIX: name,
      INFLUXDB_URL: options.influxdbUrl ?? services.influxdbUrl,
      INFLUXDB_DATABASE: name.replace(/-/g, '_'),
      PROCESSOR_GROUP: `${name}-processor`,
      CHATBOT_GROUP: `${name}-chatbot`,
      ALERTER_GROUP: `${name}-alerter`,
      PROCESSOR_ALLOWED_LATENESS_MS: String(SETTINGS.allowedLatenessMs),
      PROCESSOR_SESSION_TIMEOUT_MS: String(SETTINGS.sessionTimeoutMs),
      PROCESSOR_FLUSH_MS: '300',
      PROCESSOR_LIVE_FLUSH_MS: '50',
      // Readiness names a partition that stores nothing for 5 s (the outage tests look).
      PROCESSOR_STALL_MS: '5000',
      PROCESSOR_PORT: '0',
      ALERTER_PORT: '0',
      // A killed copy's partitions move on after 6 s (the broker's minimum), not 30.
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      LOG_LEVEL: 'warn',
      // The tests' webhook receivers listen on this machine, as an allowed intranet host.
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1',
    };
    this.config = loadConfig(this.env);
    this.bus = new KafkaBus({
      config: this.config.kafka,
      logger: this.logger,
      clientSuffix: 'test',
    });
    this.eventsTopic = topicName(this.config.kafka.topicPrefix, TOPIC.events);
  }

  async setup(): Promise<void> {
    await this.bus.ensureTopics();
    const stores = distributedStores(this.config, this.bus, this.logger);
    await stores.ensureSchemas();
    await stores.close();
  }

  /** Publishes messages in order, as ingest does: events keyed site:visitor, clocks to every partition. */
  async publish(messages: Message[]): Promise<void> {
    const partitions = this.config.kafka.eventsPartitions;
    for (const message of messages) {
      if (message.clock !== undefined) {
        const value = encodeClockMessage(message.clock);
        await this.bus.publish(
          this.eventsTopic,
          Array.from({ length: partitions }, (_, partition) => ({
            key: CLOCK_KEY,
            value,
            partition,
          })),
        );
      } else {
        const first = message.events[0]!;
        await this.bus.publish(this.eventsTopic, [
          { key: `${first.site}:${first.visitor}`, value: encodeEventsMessage(message.events) },
        ]);
      }
    }
  }

  /** A processor in this process. */
  startInProcess(options: { ops?: boolean; registry?: Registry } = {}): Promise<Processor> {
    const stores = distributedStores(this.config, this.bus, this.logger);
    return startProcessor({
      ...(options.ops ? { ops: { host: '127.0.0.1', port: 0 } } : {}),
      bus: this.bus,
      stores,
      logger: this.logger,
      registry: options.registry ?? createMetrics('processor-test'),
      topicPrefix: this.config.kafka.topicPrefix,
      settings: this.config.processor,
      lagEveryMs: 500,
    });
  }

  /** A processor as a process of its own (apps/processor/src/main.ts), to be killed for real. */
  spawnProcessor(): ChildProcess {
    return this.spawnApp('processor');
  }

  /** An app as a process of its own (apps/<app>/src/main.ts) on this pipeline's topics and stores. */
  spawnApp(
    app: 'ingest' | 'processor' | 'chatbot' | 'alerter',
    env: Record<string, string> = {},
  ): ChildProcess {
    const child = spawn(
      process.execPath,
      ['--conditions=sightline-source', '--import', 'tsx', join(root, `apps/${app}/src/main.ts`)],
      {
        cwd: root,
        env: { ...process.env, ...this.env, ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4_000);
    });
    child.on('exit', (code, signal) => {
      this.children.delete(child);
      if (code !== 0 && signal === null) process.stderr.write(`${app} exited ${code}: ${stderr}\n`);
    });
    this.children.add(child);
    return child;
  }

  /** Kills a child processor the hard way (no shutdown, nothing flushed) and waits for it. */
  async kill(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Lag of the processor group per partition (messages not yet committed). */
  async lag(): Promise<number> {
    const lag = await this.bus.lag(this.config.processor.group, this.eventsTopic);
    return lag.reduce((sum, p) => sum + (p.committed === null ? Number(p.end) : p.lag), 0);
  }

  /** Members of the processor group and the partitions each holds. */
  async members(): Promise<number[][]> {
    const kafka = new Kafka({ brokers: this.config.kafka.brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups([this.config.processor.group]);
      return (groups[0]?.members ?? []).map((member) => {
        const assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
        return Object.values(assignment?.assignment ?? {}).flat();
      });
    } finally {
      await admin.disconnect();
    }
  }

  /** Sum of the group's committed offsets: grows as flushes are committed. */
  async committed(): Promise<number> {
    const lag = await this.bus.lag(this.config.processor.group, this.eventsTopic);
    return lag.reduce((sum, p) => sum + Number(p.committed ?? 0), 0);
  }

  /** Waits until the group has committed every message of the topic. */
  async waitCaughtUp(timeoutMs = 60_000): Promise<void> {
    await until(async () => (await this.lag()) === 0, {
      timeoutMs,
      everyMs: 250,
      what: 'processor caught up',
    });
  }

  /** The topic as the processor saw it: each partition's messages in offset order. */
  async readTopic(): Promise<Map<number, Message[]>> {
    const ends = await this.bus.endOffsets(this.eventsTopic);
    const byPartition = new Map<number, Message[]>(ends.map((e) => [e.partition, []]));
    const remaining = new Set(ends.filter((e) => e.end !== '0').map((e) => e.partition));
    if (remaining.size === 0) return byPartition;
    const kafka = new Kafka({ brokers: this.config.kafka.brokers, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: this.eventsTopic, fromBeginning: true });
    const endOf = new Map(ends.map((e) => [e.partition, BigInt(e.end)]));
    await consumer.run({
      eachMessage: ({ partition, message }) => {
        const read = readEventsTopicMessage(message.value!);
        byPartition.get(partition)!.push({
          offset: Number(message.offset),
          events: read.kind === 'events' ? read.events : [],
          ...(read.kind === 'clock' ? { clock: read.at } : {}),
        });
        if (BigInt(message.offset) + 1n >= endOf.get(partition)!) remaining.delete(partition);
        return Promise.resolve();
      },
    });
    await until(() => remaining.size === 0, { what: 'topic read back' });
    await consumer.disconnect();
    return byPartition;
  }

  /**
   * What Elasticsearch and InfluxDB hold equals the independent computation from the topic,
   * exactly: every window per partition, visit totals, raw events and raw points.
   */
  async verify(sites?: readonly string[]): Promise<void> {
    const topic = await this.readTopic();
    const client = createElasticsearchClient(this.config.elasticsearch);
    const windows = new ElasticsearchWindowStore(client, this.config.elasticsearch);
    const sessions = new ElasticsearchSessionStore(client, this.config.elasticsearch);
    const events = new ElasticsearchEventStore(client, this.config.elasticsearch);
    const transport = createInfluxTransport(this.config.influxdb);
    await Promise.all([windows.refresh(), sessions.refresh(), events.refresh()]);
    try {
      await verifyResults(
        topic,
        { windows, sessions, events, metrics: new InfluxMetricsStore(transport) },
        async () => {
          const [points] = await transport.query(
            `SELECT count("count") FROM "events" WHERE "data_type" = 'raw'`,
          );
          return Number(points?.values[0]?.[1] ?? 0);
        },
        sites,
      );
    } finally {
      await client.close();
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.children].map((child) => this.kill(child)));
    await this.bus.close();
  }
}
