import type { SessionRecord } from '@sightline/contract';
import type { Checkpoint } from './checkpoint.js';

/**
 * Which stored visits a partition takes back when it resumes at `fromOffset` with `checkpoint`:
 * those still open, those holding events the replay will read again, and those whose end was
 * counted in a window the replay rebuilds. Store adapters query exactly this.
 */
export function sessionsToRestore(
  record: SessionRecord,
  fromOffset: number,
  checkpoint: Checkpoint,
): boolean {
  return (
    record.status === 'open' ||
    record.lastOffset >= fromOffset ||
    (record.endWindow !== undefined && record.endWindow >= checkpoint.closedBefore)
  );
}
