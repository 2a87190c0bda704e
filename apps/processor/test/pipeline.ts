import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { KafkaBus, TOPIC, topicName } from '@sightline/bus';
import { loadConfig, type Config } from '@sightline/config';
import {
  CLOCK_KEY,
  encodeClockMessage,
  encodeEventsMessage,
  readEventsTopicMessage,
  type WindowAggregate,
} from '@sightline/contract';
import {
  createElasticsearchClient,
  ElasticsearchEventStore,
  ElasticsearchSessionStore,
  ElasticsearchWindowStore,
} from '@sightline/event-store';
import { createInfluxTransport, InfluxMetricsStore } from '@sightline/metrics-store';
import { createLogger, createMetrics, type Registry } from '@sightline/observability';
import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import { expect } from 'vitest';
import { services, uniqueName } from '../../../test/integration/services.js';
import { expectedWindows } from '../../../test/streams/expected-windows.js';
import type { Message } from '../../../test/streams/generate-stream.js';
import { until } from '../../../test/until.js';
import { distributedStores, startProcessor, type Processor } from '../src/index.js';

const root = join(import.meta.dirname, '..', '..', '..');
export const SETTINGS = { allowedLatenessMs: 20_000, sessionTimeoutMs: 60_000 };
const SITES = ['shop', 'blog'];
const ALL_TIME = { from: 0, to: Date.UTC(2100, 0, 1) };

/** Numeric window fields compared between InfluxDB and the independent computation. */
const SERIES_FIELDS = [
  'events',
  'bots',
  'pageviews',
  'visitors',
  'newVisitors',
  'sessionsStarted',
  'purchases',
  'scrolledPageviews',
  'scrollDepthSum',
  'activeMs',
  'visibleMs',
  'type_pageview',
  'type_click',
  'type_scroll',
  'type_heartbeat',
  'type_custom',
  'type_purchase',
] as const;

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
      PROCESSOR_ALLOWED_LATENESS_MS: String(SETTINGS.allowedLatenessMs),
      PROCESSOR_SESSION_TIMEOUT_MS: String(SETTINGS.sessionTimeoutMs),
      PROCESSOR_FLUSH_MS: '300',
      PROCESSOR_LIVE_FLUSH_MS: '50',
      PROCESSOR_PORT: '0',
      // A killed copy's partitions move on after 6 s (the broker's minimum), not 30.
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      LOG_LEVEL: 'warn',
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
    const stores = distributedStores(this.config);
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
    return startProcessor({
      ...(options.ops ? { ops: { host: '127.0.0.1', port: 0 } } : {}),
      bus: this.bus,
      stores: distributedStores(this.config),
      logger: this.logger,
      registry: options.registry ?? createMetrics('processor-test'),
      topicPrefix: this.config.kafka.topicPrefix,
      settings: this.config.processor,
      lagEveryMs: 500,
    });
  }

  /** A processor as a process of its own (apps/processor/src/main.ts), to be killed for real. */
  spawnProcessor(): ChildProcess {
    const child = spawn(
      process.execPath,
      [
        '--conditions=sightline-source',
        '--import',
        'tsx',
        join(root, 'apps/processor/src/main.ts'),
      ],
      { cwd: root, env: { ...process.env, ...this.env }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4_000);
    });
    child.on('exit', (code, signal) => {
      this.children.delete(child);
      if (code !== 0 && signal === null)
        process.stderr.write(`processor exited ${code}: ${stderr}\n`);
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
  async verify(): Promise<void> {
    const topic = await this.readTopic();
    const client = createElasticsearchClient(this.config.elasticsearch);
    const windowStore = new ElasticsearchWindowStore(client, this.config.elasticsearch);
    const sessionStore = new ElasticsearchSessionStore(client, this.config.elasticsearch);
    const eventStore = new ElasticsearchEventStore(client, this.config.elasticsearch);
    const transport = createInfluxTransport(this.config.influxdb);
    const metricsStore = new InfluxMetricsStore(transport);
    await Promise.all([windowStore.refresh(), sessionStore.refresh(), eventStore.refresh()]);

    const stored = new Map<string, WindowAggregate>();
    for (const site of SITES) {
      for (const w of await windowStore.windows({ site, range: ALL_TIME }))
        stored.set(`${w.site}:${w.start}:${w.partition}`, w);
    }
    let visits = 0;
    let bounces = 0;
    let durationSum = 0;
    const wantSeries = new Map<string, Record<string, number>>();
    const ids = new Set<string>();
    let counted = 0;
    for (const [partition, messages] of topic) {
      for (const m of messages) for (const e of m.events) ids.add(e.id);
      const want = expectedWindows(messages, SETTINGS);
      visits += want.visits;
      bounces += want.bounces;
      durationSum += want.durationSum;
      for (const [key, metrics] of want.metrics) {
        counted++;
        const window = stored.get(`${key}:${partition}`);
        expect(window?.final, `${key}:${partition}`).toBe(true);
        const {
          sessionsEnded: _e,
          bounces: _b,
          sessionMsSum: _s,
          revenue,
          ...got
        } = window!.metrics;
        const { revenue: wantRevenue, ...rest } = metrics;
        expect(got, `${key}:${partition}`).toEqual(rest);
        expect(Object.keys(revenue).sort()).toEqual(Object.keys(wantRevenue!).sort());
        for (const [currency, amount] of Object.entries(revenue))
          expect(amount).toBeCloseTo(wantRevenue![currency]!, 6);
        const sums = wantSeries.get(key) ?? {};
        const flat: Record<string, number> = {
          ...metrics,
          ...Object.fromEntries(Object.entries(metrics.types!).map(([t, n]) => [`type_${t}`, n])),
        } as unknown as Record<string, number>;
        for (const field of SERIES_FIELDS) sums[field] = (sums[field] ?? 0) + (flat[field] ?? 0);
        wantSeries.set(key, sums);
      }
    }
    expect(counted).toBeGreaterThan(0);
    // Any other stored window holds only ends of visits.
    const withEvents = new Set(
      [...topic].flatMap(([partition, messages]) =>
        [...expectedWindows(messages, SETTINGS).metrics.keys()].map((k) => `${k}:${partition}`),
      ),
    );
    for (const [key, w] of stored) {
      if (!withEvents.has(key)) expect([w.metrics.events, w.metrics.bots], key).toEqual([0, 0]);
      expect(w.final, key).toBe(true);
    }
    const total = (pick: (w: WindowAggregate) => number) =>
      [...stored.values()].reduce((sum, w) => sum + pick(w), 0);
    expect(total((w) => w.metrics.sessionsEnded)).toBe(visits);
    expect(total((w) => w.metrics.bounces)).toBe(bounces);
    expect(total((w) => w.metrics.sessionMsSum)).toBe(durationSum);

    // Visits in Elasticsearch: every one, ended.
    const sessions = (
      await Promise.all(
        SITES.map((site) => sessionStore.sessions({ site, range: ALL_TIME, limit: 1_000_000 })),
      )
    ).flat();
    expect(sessions).toHaveLength(visits);
    expect(sessions.every((s) => s.status === 'ended')).toBe(true);

    // Raw events: each id once in Elasticsearch and once as an InfluxDB point.
    let raw = 0;
    for (const site of SITES)
      raw += (await eventStore.search({ site, range: ALL_TIME, limit: 0, includeBots: true }))
        .total;
    expect(raw).toBe(ids.size);
    const [points] = await transport.query(
      `SELECT count("count") FROM "events" WHERE "data_type" = 'raw'`,
    );
    expect(points?.values[0]?.[1]).toBe(ids.size);

    // InfluxDB: per site and 10-second step, the partitions summed.
    for (const site of SITES) {
      const series = await metricsStore.series({
        site,
        range: ALL_TIME,
        stepMs: 10_000,
        fields: [...SERIES_FIELDS],
      });
      const got = new Map(series.map((p) => [`${site}:${p.time}`, p.values]));
      for (const [key, sums] of wantSeries) {
        if (!key.startsWith(`${site}:`)) continue;
        expect(got.get(key), key).toEqual(sums);
      }
    }
    await client.close();
  }

  async close(): Promise<void> {
    await Promise.all([...this.children].map((child) => this.kill(child)));
    await this.bus.close();
  }
}
