import {
  deadLetterOf,
  type CollectedEvent,
  type DeadLetter,
  type SessionRecord,
  type WindowAggregate,
} from '@sightline/contract';
import type { FlushResult } from '@sightline/windowing';
import { eventLetter, type RawEvent } from './event-letter.js';
import { setAsideRefused } from './set-aside-refused.js';

/**
 * One write of a flush, named after where it goes (metrics and logs). It resolves with the dead
 * letters of the records the store refused as invalid; it rejects on any passing failure.
 */
export interface ResultWrite {
  store: string;
  run: () => Promise<DeadLetter[]>;
}

export interface ResultTargets {
  writeEventPoints?: (events: CollectedEvent[]) => Promise<void>;
  writeSessions: (records: SessionRecord[]) => Promise<void>;
  writeWindowDocuments: (windows: WindowAggregate[]) => Promise<void>;
  writeWindowPoints: (windows: WindowAggregate[]) => Promise<void>;
  publishWindows: (windows: WindowAggregate[]) => Promise<void>;
}

/**
 * The writes a flush makes: raw points, visits, window documents, window points and the
 * aggregates message for live views (raw events are stored as they are read: see appendRaw). Each is idempotent, so any of them can be retried alone
 * and a replay after a crash rewrites the same values. A record a store refuses as invalid is
 * set aside as a dead letter and the others are written: one bad record never stops a partition.
 */
export function resultWrites(
  result: FlushResult,
  raw: RawEvent[],
  partition: number,
  targets: ResultTargets,
  now = Date.now(),
): ResultWrite[] {
  const resultLetter =
    (stage: 'sessions' | 'window-documents' | 'window-points') =>
    (record: SessionRecord | WindowAggregate, reason: string) =>
      deadLetterOf({ stage, reason, record, at: now, site: record.site, partition });

  const writes: ResultWrite[] = [];
  if (raw.length > 0) {
    const points = targets.writeEventPoints;
    if (points)
      writes.push({
        store: 'event-points',
        run: () =>
          setAsideRefused(
            raw,
            (batch) => points(batch.map((entry) => entry.event)),
            eventLetter('event-points', partition, now),
          ),
      });
  }
  if (result.sessions.length > 0)
    writes.push({
      store: 'sessions',
      run: () => setAsideRefused(result.sessions, targets.writeSessions, resultLetter('sessions')),
    });
  if (result.windows.length > 0) {
    writes.push(
      {
        store: 'window-documents',
        run: () =>
          setAsideRefused(
            result.windows,
            targets.writeWindowDocuments,
            resultLetter('window-documents'),
          ),
      },
      {
        store: 'window-points',
        run: () =>
          setAsideRefused(result.windows, targets.writeWindowPoints, resultLetter('window-points')),
      },
      {
        store: 'aggregates',
        run: async () => {
          await targets.publishWindows(result.windows);
          return [];
        },
      },
    );
  }
  return writes;
}
