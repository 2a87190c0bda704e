import type {
  DeadLetterStore,
  DedupeStore,
  EventStore,
  SessionStore,
  WindowStore,
  MetricsStore,
} from '@sightline/ports';

/**
 * Where the processor's results go. In distributed mode: raw events, visits and window documents
 * on Elasticsearch, window and raw points on InfluxDB; embedded, one store plays every part.
 */
export interface ResultStores {
  events: Pick<EventStore, 'append' | 'rewind' | 'erase'>;
  sessions: Pick<SessionStore, 'writeSessions' | 'sessionsToRestore' | 'erase'>;
  windows: Pick<WindowStore, 'writeWindows'>;
  metrics: Pick<MetricsStore, 'writeWindows' | 'writeEvents'>;
  /** Event ids already counted, across partitions and windows. */
  dedupe: Pick<DedupeStore, 'claim' | 'expire'>;
  /** Records set aside (a topic in the distributed mode, a table in the single process). */
  deadLetters: Pick<DeadLetterStore, 'write'>;
  /** Readiness checks by store name. */
  checks: Record<string, () => Promise<void>>;
}
