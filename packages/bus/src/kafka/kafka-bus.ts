import type { KafkaConfig } from '@sightline/config';
import type { Logger } from '@sightline/observability';
import type { Admin, Kafka } from 'kafkajs';
import type {
  Bus,
  OutgoingMessage,
  PartitionLag,
  SubscribeOptions,
  Subscription,
} from '@sightline/ports';
import { topicSpecs } from '../topics.js';
import { ensureTopics } from './admin.js';
import { createKafka } from './client.js';
import { DEFAULT_PUBLISHER_OPTIONS, KafkaPublisher, type PublisherOptions } from './publisher.js';
import { subscribeKafka } from './subscriber.js';

export interface KafkaBusOptions {
  config: KafkaConfig;
  logger: Logger;
  /** Names this process in broker logs and client ids, e.g. "ingest". */
  clientSuffix: string;
  publisher?: Partial<PublisherOptions>;
}

/**
 * Retries admin reads on retriable protocol errors (a leader not yet elected right after a
 * topic was created, a coordinator moving), which kafkajs's admin passes straight through.
 */
async function retrying<T>(read: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= attempts || !(error as { retriable?: boolean }).retriable) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** Math.min(attempt, 5)));
    }
  }
}

/** The Bus on Apache Kafka. */
export class KafkaBus implements Bus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private readonly publisher: KafkaPublisher;
  private readonly subscriptions = new Set<Subscription>();
  private admin: Admin | undefined;
  private adminConnecting: Promise<Admin> | undefined;

  constructor(private readonly options: KafkaBusOptions) {
    this.kafka = createKafka(options.config, options.logger, options.clientSuffix);
    this.publisher = new KafkaPublisher(this.kafka, options.logger, {
      ...DEFAULT_PUBLISHER_OPTIONS,
      ...options.publisher,
    });
  }

  /** Bytes accepted by `publish` and not yet acknowledged. */
  get pendingBytes(): number {
    return this.publisher.pendingBytes;
  }

  async ensureTopics(): Promise<void> {
    const created = await ensureTopics(
      await this.connectedAdmin(),
      topicSpecs(this.options.config),
    );
    if (created.length > 0) this.options.logger.info({ topics: created }, 'created topics');
  }

  publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    return this.publisher.publish(topic, messages);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const subscription = await subscribeKafka(
      this.kafka,
      options,
      this.options.logger,
      this.options.config.sessionTimeoutMs,
    );
    this.subscriptions.add(subscription);
    return {
      group: subscription.group,
      pause: () => subscription.pause(),
      resume: () => subscription.resume(),
      close: async () => {
        this.subscriptions.delete(subscription);
        await subscription.close();
      },
    };
  }

  async lag(group: string, topic: string): Promise<PartitionLag[]> {
    const admin = await this.connectedAdmin();
    const [ends, committed] = await Promise.all([
      retrying(() => admin.fetchTopicOffsets(topic)),
      retrying(() => admin.fetchOffsets({ groupId: group, topics: [topic] })),
    ]);
    const committedByPartition = new Map(
      (committed[0]?.partitions ?? []).map((p) => [p.partition, p]),
    );
    return ends
      .map(({ partition, high }) => {
        const entry = committedByPartition.get(partition);
        const offset = entry?.offset;
        const known = offset !== undefined && offset !== '-1';
        return {
          topic,
          partition,
          committed: known ? offset : null,
          metadata: known ? (entry?.metadata ?? null) : null,
          end: high,
          lag: Number(BigInt(high) - (known ? BigInt(offset) : 0n)),
        };
      })
      .sort((a, b) => a.partition - b.partition);
  }

  async offsetsAt(
    topic: string,
    timestamp: number,
  ): Promise<{ partition: number; offset: string }[]> {
    const admin = await this.connectedAdmin();
    const offsets = await retrying(() => admin.fetchTopicOffsetsByTimestamp(topic, timestamp));
    const ends = new Map(
      (await retrying(() => admin.fetchTopicOffsets(topic))).map((p) => [p.partition, p.high]),
    );
    // Kafka answers -1 when no message is that recent: read from the end.
    return offsets
      .map(({ partition, offset }) => ({
        partition,
        offset: offset === '-1' ? (ends.get(partition) ?? '0') : offset,
      }))
      .sort((a, b) => a.partition - b.partition);
  }

  async endOffsets(topic: string): Promise<{ partition: number; end: string }[]> {
    const admin = await this.connectedAdmin();
    const offsets = await retrying(() => admin.fetchTopicOffsets(topic));
    return offsets
      .map(({ partition, high }) => ({ partition, end: high }))
      .sort((a, b) => a.partition - b.partition);
  }

  async check(): Promise<void> {
    await (await this.connectedAdmin()).describeCluster();
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.subscriptions].map((s) => s.close()));
    this.subscriptions.clear();
    await this.publisher.close();
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = undefined;
  }

  private connectedAdmin(): Promise<Admin> {
    if (this.admin) return Promise.resolve(this.admin);
    this.adminConnecting ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
      return admin;
    })().finally(() => {
      this.adminConnecting = undefined;
    });
    return this.adminConnecting;
  }
}
