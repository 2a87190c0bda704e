import { randomUUID } from 'node:crypto';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import type { OutgoingMessage } from '@sightline/ports';

export interface CommitWithOutputs {
  group: string;
  topic: string;
  partition: number;
  nextOffset: string;
  metadata?: string | undefined;
  outputs: { topic: string; messages: OutgoingMessage[] }[];
}

const toKafka = (m: OutgoingMessage): Message => ({
  key: m.key,
  value: m.value,
  ...(m.headers ? { headers: m.headers } : {}),
  ...(m.timestamp === undefined ? {} : { timestamp: String(m.timestamp) }),
  ...(m.partition === undefined ? {} : { partition: m.partition }),
});

/**
 * Publishes a consumer's outputs and commits its input offset in one Kafka transaction: both
 * happen or neither does, so a consumer that crashes and reads again never emits twice.
 * Readers see the outputs only once committed (kafkajs consumers read committed by default).
 * One transaction at a time per producer: calls queue.
 */
export class TransactionalCommitter {
  private producer: Promise<Producer> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly kafka: Kafka,
    private readonly transactionalIdPrefix: string,
  ) {}

  commit(request: CommitWithOutputs): Promise<void> {
    const run = this.queue.then(() => this.transact(request));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async transact(request: CommitWithOutputs): Promise<void> {
    const producer = await this.connected();
    const transaction = await producer.transaction();
    try {
      for (const output of request.outputs)
        if (output.messages.length > 0)
          await transaction.send({ topic: output.topic, messages: output.messages.map(toKafka) });
      await transaction.sendOffsets({
        consumerGroupId: request.group,
        topics: [
          {
            topic: request.topic,
            partitions: [
              {
                partition: request.partition,
                offset: request.nextOffset,
                ...(request.metadata === undefined ? {} : { metadata: request.metadata }),
              },
            ],
          },
        ],
      });
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      // A producer whose transaction failed may be fenced or stuck: start over with a new one.
      await this.reset();
      throw error;
    }
  }

  private connected(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        createPartitioner: Partitioners.DefaultPartitioner,
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        transactionalId: `${this.transactionalIdPrefix}-${randomUUID()}`,
        // A copy killed mid-transaction holds back readers until this runs out: keep it short.
        transactionTimeout: 10_000,
        retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 1_000 },
      });
      await producer.connect();
      return producer;
    })();
    this.producer.catch(() => {
      this.producer = undefined;
    });
    return this.producer;
  }

  private async reset(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await (await producer?.catch(() => undefined))?.disconnect().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.queue;
    await this.reset();
  }
}
