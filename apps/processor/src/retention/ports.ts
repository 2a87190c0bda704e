import type { DeadLetterStore, StoreSet } from '@sightline/ports';

/** The stores retention deletes from (dead letters: where they are a table, not a topic). */
export type RetentionStores = {
  [K in 'events' | 'sessions' | 'hits' | 'windows' | 'metrics']: Pick<StoreSet[K], 'expire'>;
} & { deadLetters?: Partial<Pick<DeadLetterStore, 'expire'>> };
