import { randomUUID } from 'node:crypto';
import type { Logger } from '@sightline/observability';
import type { DiskPartitionLog } from './disk-partition-log.js';
import type { CommittedOffset, DecidedMessage, OffsetStore } from './offset-store.js';

/*
 * `commitWith` on disk, as a redo log, so that outputs and commit take effect together through
 * kill -9 and power loss, and outputs never appear twice:
 *
 * 1. Decide: one record in the offsets log holds the commit and every output with its partition,
 *    timestamp and bytes already chosen; it is synced. This is the commit point.
 * 2. Append the outputs to their partitions, each record marked with the transaction's id;
 *    `commitWith` resolves once they are durable.
 * 3. Write a 'done' record to the offsets log.
 *
 * A crash before 1 leaves nothing: the consumer reads its input again from the old commit. A crash
 * after 1 leaves a transaction without 'done': on open, before anyone reads, each of its output
 * partitions is searched from its end at decision time for records with the id (they sit together
 * and in order, written by one append), and only the missing rest is appended. So after a
 * restart, readers see the commit with all of its outputs, exactly once.
 */

export interface TransactionOutputs {
  log: DiskPartitionLog;
  messages: DecidedMessage[];
}

/** Runs steps 1–3; `onDecided` runs once the decision is durable (the commit then stands). */
export async function commitTransaction(
  offsets: OffsetStore,
  commit: CommittedOffset,
  outputs: TransactionOutputs[],
  onDecided: () => void,
  logger: Logger,
): Promise<void> {
  const id = randomUUID();
  await offsets.decide({
    id,
    commit,
    outputs: outputs.map(({ log, messages }) => ({
      topic: log.topic,
      partition: log.partition,
      from: log.end,
      messages,
    })),
  });
  onDecided();
  try {
    await Promise.all(outputs.map(({ log, messages }) => log.append(messages, Date.now(), id)));
  } catch (error) {
    logger.error(
      { transaction: id, err: String(error) },
      'embedded bus: outputs of a decided commit could not be written; they are written when the bus is opened again',
    );
    throw error;
  }
  offsets
    .finish(id)
    .catch((error: unknown) =>
      logger.warn(
        { transaction: id, err: String(error) },
        'embedded bus: could not mark a transaction done; the next open checks its outputs',
      ),
    );
}

/** Step 2 again for every transaction a crash interrupted: only what is missing is appended. */
export async function finishInterrupted(
  offsets: OffsetStore,
  logOf: (topic: string, partition: number) => DiskPartitionLog | undefined,
  logger: Logger,
): Promise<void> {
  for (const transaction of offsets.unfinished) {
    for (const output of transaction.outputs) {
      const log = logOf(output.topic, output.partition);
      if (!log) {
        logger.error(
          { transaction: transaction.id, topic: output.topic, partition: output.partition },
          'embedded bus: a transaction wrote to a partition that no longer exists; its outputs there are dropped',
        );
        continue;
      }
      const present = await log.countTransaction(output.from, transaction.id);
      const missing = output.messages.slice(present);
      if (missing.length > 0) await log.append(missing, Date.now(), transaction.id);
      logger.warn(
        {
          transaction: transaction.id,
          topic: output.topic,
          partition: output.partition,
          present,
          appended: missing.length,
        },
        'embedded bus: finished the outputs of a commit interrupted by a crash',
      );
    }
    await offsets.finish(transaction.id);
  }
}
