import type { CollectedEvent } from '@sightline/contract';
import type { FlushResult } from '@sightline/windowing';

/** One write of a flush, named after where it goes (metrics and logs). */
export interface ResultWrite {
  store: string;
  run: () => Promise<void>;
}

/**
 * The writes a flush makes: raw events, raw points, visits, window documents, window points and
 * the aggregates message for live views. Each is idempotent, so any of them can be retried alone
 * and a replay after a crash rewrites the same values.
 */
export function resultWrites(
  result: FlushResult,
  raw: CollectedEvent[],
  targets: {
    appendEvents: (events: CollectedEvent[]) => Promise<void>;
    writeEventPoints?: (events: CollectedEvent[]) => Promise<void>;
    writeSessions: (result: FlushResult['sessions']) => Promise<void>;
    writeWindowDocuments: (windows: FlushResult['windows']) => Promise<void>;
    writeWindowPoints: (windows: FlushResult['windows']) => Promise<void>;
    publishWindows: (windows: FlushResult['windows']) => Promise<void>;
  },
): ResultWrite[] {
  const writes: ResultWrite[] = [];
  if (raw.length > 0) {
    writes.push({ store: 'events', run: () => targets.appendEvents(raw) });
    const points = targets.writeEventPoints;
    if (points) writes.push({ store: 'event-points', run: () => points(raw) });
  }
  if (result.sessions.length > 0)
    writes.push({ store: 'sessions', run: () => targets.writeSessions(result.sessions) });
  if (result.windows.length > 0) {
    writes.push(
      { store: 'window-documents', run: () => targets.writeWindowDocuments(result.windows) },
      { store: 'window-points', run: () => targets.writeWindowPoints(result.windows) },
      { store: 'aggregates', run: () => targets.publishWindows(result.windows) },
    );
  }
  return writes;
}
