import type { Logger } from '@sightline/observability';
import type { Consumer, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { TransactionalCommitter } from './transactional-committer.js';
import type {
  BatchContext,
  IncomingMessage,
  SubscribeOptions,
  Subscription,
  TopicPartition,
} from '@sightline/ports';

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return out;
}

function toIncoming(topic: string, partition: number, message: KafkaMessage): IncomingMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString('utf8') : null,
    value: message.value ?? Buffer.alloc(0),
    timestamp: Number(message.timestamp),
    headers: headersOf(message.headers),
  };
}

const nextOffset = (offset: string) => (BigInt(offset) + 1n).toString();

/**
 * A consumer-group member. Offsets are never committed automatically: either after the handler
 * resolves ('after-batch'), when the handler says so ('manual'), or never ('none').
 */
export async function subscribeKafka(
  kafka: Kafka,
  options: SubscribeOptions,
  logger: Logger,
  sessionTimeoutMs = 30_000,
): Promise<Subscription> {
  const mode = options.commit ?? 'after-batch';
  const consumer: Consumer = kafka.consumer({
    groupId: options.group,
    allowAutoTopicCreation: false,
    // A member that stops heartbeating (killed) loses its partitions after this long.
    sessionTimeout: sessionTimeoutMs,
    rebalanceTimeout: 60_000,
    heartbeatInterval: Math.max(500, Math.floor(sessionTimeoutMs / 10)),
    // Real-time first: answer a fetch as soon as one message is there, or after 100 ms.
    maxWaitTimeInMs: 100,
    minBytes: 1,
    maxBytes: 16 * 1024 * 1024,
    // Outputs of a transaction are read before its commit marker when the reader asks for it.
    readUncommitted: options.readUnsynced === true,
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 5_000 },
  });

  // Batches of a new assignment wait until onAssignment is done (state rebuilt, etc.).
  let assignmentReady: Promise<void> = Promise.resolve();
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const assignment: TopicPartition[] = Object.entries(payload.memberAssignment).flatMap(
      ([topic, partitions]) => partitions.map((partition) => ({ topic, partition })),
    );
    logger.info(
      { group: options.group, assignment: payload.memberAssignment },
      'partitions assigned',
    );
    if (options.onAssignment) {
      assignmentReady = Promise.resolve(options.onAssignment(assignment));
    }
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    logger.error(
      { group: options.group, err: payload.error.message, restart: payload.restart },
      'consumer crashed',
    );
  });

  const committer = new TransactionalCommitter(kafka, `${options.group}-tx`);
  await consumer.connect();
  await consumer.subscribe({
    topics: options.topics,
    fromBeginning: options.fromBeginning ?? false,
  });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: Math.max(1, options.partitionsConcurrently ?? 1),
    eachBatch: async (payload) => {
      const { batch } = payload;
      if (batch.isEmpty()) return;
      await assignmentReady;
      const { topic, partition } = batch;
      let sought = false;
      const context: BatchContext = {
        seek: (offset) => {
          sought = true;
          consumer.seek({ topic, partition, offset });
        },
        commit: (offset, metadata) =>
          consumer.commitOffsets([{ topic, partition, offset, metadata: metadata ?? null }]),
        commitWith: (outputs, offset, metadata) =>
          committer.commit({
            group: options.group,
            topic,
            partition,
            nextOffset: offset,
            metadata,
            outputs,
          }),
        heartbeat: () => payload.heartbeat(),
        isRunning: () => payload.isRunning() && !payload.isStale(),
      };
      await options.handleBatch(
        {
          topic,
          partition,
          highWatermark: batch.highWatermark,
          messages: batch.messages.map((m) => toIncoming(topic, partition, m)),
        },
        context,
      );
      if (sought) return; // the next fetch starts where the handler asked
      // Move the fetch position on; the committed position moves only by commit().
      payload.resolveOffset(batch.lastOffset());
      if (mode === 'after-batch' && context.isRunning()) {
        await context.commit(nextOffset(batch.lastOffset()));
      }
    },
  });

  return {
    group: options.group,
    pause: () => consumer.pause(options.topics.map((topic) => ({ topic }))),
    resume: () => consumer.resume(options.topics.map((topic) => ({ topic }))),
    close: async () => {
      await consumer.disconnect();
      await committer.close();
    },
  };
}
