import type { ProcessorConfig } from '@sightline/config';
import { decodeCheckpoint, PartitionState } from '@sightline/windowing';
import type { Logger } from '@sightline/observability';
import type { ResultStores } from '../ports.js';

/** "Visitors now" counts visitors seen within this much ingest time. */
export const ACTIVE_VISITORS_MS = 5 * 60_000;

/**
 * The state of a partition as of its last commit: the checkpoint committed with the offset says
 * which windows are final, and the stored visits give back those the replay from that offset
 * touches. Reading on from the offset then rebuilds every open window exactly.
 */
export async function restorePartition(options: {
  partition: number;
  committed: { offset: number; metadata: string | null } | null;
  stores: Pick<ResultStores, 'sessions'>;
  settings: ProcessorConfig;
  logger: Logger;
}): Promise<PartitionState> {
  const { partition, committed, settings } = options;
  const partitionOptions = {
    allowedLatenessMs: settings.allowedLatenessMs,
    sessionTimeoutMs: settings.sessionTimeoutMs,
    activeVisitorsMs: ACTIVE_VISITORS_MS,
  };
  // No commit, or only the position the group started at (the embedded bus records it on the
  // first assignment): nothing was counted before it.
  if (!committed || committed.metadata === null)
    return new PartitionState(partition, partitionOptions);
  const checkpoint = decodeCheckpoint(committed.metadata);
  if (!checkpoint) {
    options.logger.warn(
      { partition, offset: committed.offset },
      'committed offset without a checkpoint: windows from it on are counted afresh',
    );
    return new PartitionState(partition, partitionOptions);
  }
  const sessions = await options.stores.sessions.sessionsToRestore(
    partition,
    committed.offset,
    checkpoint.closedBefore,
  );
  options.logger.info(
    {
      partition,
      offset: committed.offset,
      closedBefore: checkpoint.closedBefore,
      sessions: sessions.length,
    },
    'partition restored',
  );
  return new PartitionState(partition, partitionOptions, checkpoint, sessions);
}
