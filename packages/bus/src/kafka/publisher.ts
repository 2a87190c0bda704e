import type { Logger } from '@sightline/observability';
import { Partitioners, type Kafka, type Producer, type TopicMessages } from 'kafkajs';
import { BusOverloadedError, BusUnavailableError } from '../errors.js';
import { stableHash } from '@sightline/contract';
import type { OutgoingMessage } from '@sightline/ports';

export interface PublisherOptions {
  /** How long a message may wait for others to share its produce request. */
  lingerMs: number;
  /** Messages per produce request. */
  maxBatchMessages: number;
  /** Bytes waiting to be sent before `publish` refuses with BusOverloadedError. */
  maxQueueBytes: number;
  /** Time for the brokers to acknowledge a request before callers get BusUnavailableError. */
  sendTimeoutMs: number;
  /** After a failed send, publishes fail at once for this long (then one batch tries again). */
  breakerMs: number;
  /**
   * Idempotent producers working side by side, each for a fixed share of the keys. kafkajs
   * serialises an idempotent producer's requests to a broker (one round trip at a time); shards
   * pipeline them while every key still goes through one producer, in order.
   */
  shards: number;
}

export const DEFAULT_PUBLISHER_OPTIONS: PublisherOptions = {
  lingerMs: 2,
  maxBatchMessages: 5_000,
  maxQueueBytes: 64 * 1024 * 1024,
  sendTimeoutMs: 10_000,
  breakerMs: 2_000,
  shards: 4,
};

interface Pending {
  topic: string;
  messages: OutgoingMessage[];
  bytes: number;
  resolve(): void;
  reject(error: Error): void;
}

const sizeOf = (messages: OutgoingMessage[]) =>
  messages.reduce(
    (sum, m) =>
      sum + m.key.length + (typeof m.value === 'string' ? m.value.length : m.value.byteLength),
    0,
  );

/**
 * One idempotent producer with acks=all and its own queue: concurrent publishes share a produce
 * request (kafkajs has no linger of its own), one request is in flight at a time (kafkajs does
 * the same for idempotent producers), and every caller learns the outcome of the request that
 * carried its messages — resolved only when the brokers acknowledged it.
 */
class ProducerShard {
  private producer: Producer | undefined;
  private connecting: Promise<Producer> | undefined;
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly logger: Logger,
    private readonly options: PublisherOptions,
    private readonly onSettled: (bytes: number, failed: boolean) => void,
  ) {}

  enqueue(pending: Pending): void {
    this.queue.push(pending);
    this.schedule();
  }

  get busy(): boolean {
    return this.queue.length > 0 || this.inFlight !== undefined;
  }

  async flush(): Promise<void> {
    while (this.busy) {
      if (this.inFlight) await this.inFlight;
      else this.sendNext();
    }
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    await this.dropProducer();
  }

  private schedule(): void {
    if (this.inFlight) return; // the running send picks the queue up when it ends
    const queuedMessages = this.queue.reduce((n, p) => n + p.messages.length, 0);
    if (queuedMessages >= this.options.maxBatchMessages) this.sendNext();
    else this.timer ??= setTimeout(() => this.sendNext(), this.options.lingerMs);
  }

  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    let count = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (batch.length > 0 && count + next.messages.length > this.options.maxBatchMessages) break;
      batch.push(this.queue.shift()!);
      count += next.messages.length;
    }
    return batch;
  }

  private sendNext(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.inFlight || this.queue.length === 0) return;
    const batch = this.takeBatch();
    this.inFlight = this.send(batch).finally(() => {
      this.inFlight = undefined;
      // What queued up meanwhile has lingered long enough: send it at once.
      if (this.queue.length > 0) this.sendNext();
    });
  }

  private async send(batch: Pending[]): Promise<void> {
    const byTopic = new Map<string, TopicMessages>();
    for (const pending of batch) {
      const entry = byTopic.get(pending.topic) ?? { topic: pending.topic, messages: [] };
      for (const m of pending.messages) {
        entry.messages.push({
          key: m.key,
          value: m.value,
          ...(m.headers ? { headers: m.headers } : {}),
          ...(m.timestamp === undefined ? {} : { timestamp: String(m.timestamp) }),
          ...(m.partition === undefined ? {} : { partition: m.partition }),
        });
      }
      byTopic.set(pending.topic, entry);
    }
    const bytes = batch.reduce((sum, pending) => sum + pending.bytes, 0);
    let timer: NodeJS.Timeout | undefined;
    try {
      const producer = await this.connectedProducer();
      const sent = producer.sendBatch({
        acks: -1,
        timeout: this.options.sendTimeoutMs,
        topicMessages: [...byTopic.values()],
      });
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no acknowledgement within ${this.options.sendTimeoutMs} ms`)),
          this.options.sendTimeoutMs,
        );
      });
      await Promise.race([sent, deadline]);
      this.onSettled(bytes, false);
      for (const pending of batch) pending.resolve();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn({ err: reason, messages: batch.length }, 'publish failed');
      this.onSettled(bytes, true);
      // A failed idempotent producer may hold stale sequence numbers: start the next one afresh.
      await this.dropProducer();
      const failure = new BusUnavailableError(`the bus did not acknowledge: ${reason}`, {
        cause: error,
      });
      for (const pending of batch) pending.reject(failure);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  private connectedProducer(): Promise<Producer> {
    if (this.producer) return Promise.resolve(this.producer);
    this.connecting ??= (async () => {
      const producer = this.kafka.producer({
        // Java-compatible murmur2: a key lands on the same partition from any client.
        createPartitioner: Partitioners.DefaultPartitioner,
        idempotent: true,
        // Ordering under retries with an idempotent producer: one request per connection.
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        // Bounded so a broker outage surfaces as an error (503 upstream) instead of a hang;
        // ids on every event make a duplicate from a client retry harmless downstream.
        retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 1_000 },
      });
      try {
        await producer.connect();
      } catch (error) {
        await producer.disconnect().catch(() => undefined);
        throw error;
      }
      this.producer = producer;
      return producer;
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async dropProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }
}

/**
 * Publishes with acks=all through idempotent producers, each owning a fixed share of the keys
 * (so one key's messages stay in order), bounded in memory, failing fast while the bus is down.
 */
export class KafkaPublisher {
  private readonly shards: ProducerShard[];
  private queuedBytes = 0;
  private closed = false;
  /** While the bus is known to be down, callers get their 503 at once instead of waiting. */
  private failingUntil = 0;

  constructor(
    kafka: Kafka,
    logger: Logger,
    private readonly options: PublisherOptions = DEFAULT_PUBLISHER_OPTIONS,
  ) {
    this.shards = Array.from(
      { length: Math.max(1, options.shards) },
      () =>
        new ProducerShard(kafka, logger, options, (bytes, failed) => {
          this.queuedBytes -= bytes;
          this.failingUntil = failed ? Date.now() + options.breakerMs : 0;
        }),
    );
  }

  get pendingBytes(): number {
    return this.queuedBytes;
  }

  publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (this.closed) return Promise.reject(new BusUnavailableError('the publisher is closed'));
    if (messages.length === 0) return Promise.resolve();
    if (Date.now() < this.failingUntil) {
      return Promise.reject(
        new BusUnavailableError('the bus did not acknowledge recently; not retrying yet'),
      );
    }
    const bytes = sizeOf(messages);
    if (this.queuedBytes + bytes > this.options.maxQueueBytes) {
      return Promise.reject(
        new BusOverloadedError(`send queue full (${this.queuedBytes} bytes waiting)`),
      );
    }
    this.queuedBytes += bytes;
    // Each message to the shard owning its key; the call resolves once every part is acknowledged.
    const parts = new Map<ProducerShard, OutgoingMessage[]>();
    for (const message of messages) {
      const shard = this.shards[stableHash(message.key) % this.shards.length]!;
      const part = parts.get(shard);
      if (part) part.push(message);
      else parts.set(shard, [message]);
    }
    return Promise.all(
      [...parts].map(
        ([shard, part]) =>
          new Promise<void>((resolve, reject) =>
            shard.enqueue({
              topic,
              messages: part,
              bytes: parts.size === 1 ? bytes : sizeOf(part),
              resolve,
              reject,
            }),
          ),
      ),
    ).then(() => undefined);
  }

  /** Sends everything queued and waits for it; used on shutdown. */
  async flush(): Promise<void> {
    await Promise.all(this.shards.map((shard) => shard.flush()));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.shards.map((shard) => shard.close()));
  }
}
