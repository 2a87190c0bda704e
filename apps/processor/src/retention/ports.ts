import type {
  DeadLetterStore,
  EventStore,
  HitStore,
  SessionStore,
  WindowStore,
  MetricsStore,
} from '@sightline/ports';

/** The stores retention deletes from (dead letters: where they are a table, not a topic). */
export interface RetentionStores {
  events: Pick<EventStore, 'expire'>;
  sessions: Pick<SessionStore, 'expire'>;
  hits: Pick<HitStore, 'expire'>;
  windows: Pick<WindowStore, 'expire'>;
  metrics: Pick<MetricsStore, 'expire'>;
  deadLetters?: Partial<Pick<DeadLetterStore, 'expire'>>;
}
