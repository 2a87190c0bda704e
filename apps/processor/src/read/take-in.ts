import { retryUntilDone, type BatchContext, type PartitionBatch } from '@sightline/ports';
import type { DeadLetter } from '@sightline/contract';
import type { Logger } from '@sightline/observability';
import { ownEvents } from '../dedupe/own-events.js';
import type { ProcessorMetrics } from '../metrics.js';
import type { ResultStores } from '../ports.js';
import { appendRaw } from '../store/append-raw.js';
import { readMessages, type ReadMessage } from './read-messages.js';
import { skipErased } from './skip-erased.js';

/**
 * A batch of the events topic taken in, before anything is counted: read (what cannot be
 * processed set aside), each event id claimed (repeats dropped), and the owned events stored
 * raw (what the store refuses set aside). The claims and the append are retried without end
 * while a store is away; the partition holds meanwhile.
 */
export async function takeIn(
  batch: PartitionBatch,
  context: BatchContext,
  deps: {
    stores: Pick<ResultStores, 'dedupe' | 'events'>;
    metrics: ProcessorMetrics;
    logger: Logger;
    /** When a visitor was erased (their earlier events are left out). */
    erasedAt?: (site: string, visitor: string) => number | undefined;
  },
): Promise<{ messages: ReadMessage[]; letters: DeadLetter[] }> {
  const { stores, metrics, logger } = deps;
  const retrying = (store: string) => ({
    context,
    onError: (error: unknown, attempt: number) => {
      metrics.storeErrors.inc({ store });
      // The first failure and then every tenth: an outage is visible without flooding the log.
      if (attempt === 1 || attempt % 10 === 0)
        logger.warn(
          { partition: batch.partition, store, attempt, err: String(error) },
          'write failed; retrying',
        );
    },
  });

  const read = readMessages(batch.partition, batch.messages);
  if (read.letters.length > 0) metrics.malformed.inc(read.letters.length);
  const { messages } = deps.erasedAt
    ? skipErased(read.messages, deps.erasedAt)
    : { messages: read.messages };
  const owned = await retryUntilDone(
    () => ownEvents(batch.partition, messages, stores.dedupe),
    retrying('dedupe'),
  );
  if (owned.repeats > 0) metrics.duplicates.inc(owned.repeats);
  const stored = await retryUntilDone(async () => {
    const end = metrics.writeSeconds.startTimer({ store: 'events' });
    const result = await appendRaw(batch.partition, owned.messages, async (events, origin) => {
      const outcome = await stores.events.append(events, origin);
      if (outcome.rejected.length > 0) metrics.rejected.inc(outcome.rejected.length);
      return outcome;
    });
    end();
    return result;
  }, retrying('events'));
  return { messages: stored.messages, letters: [...read.letters, ...stored.letters] };
}
