import { erasureRecord, type ErasureRecord } from '@sightline/contract';
import type { ConfigStore } from '@sightline/ports';

/** Typed access to the erasures (the audit log of erased visitors); invalid records are ignored. */
export class Erasures {
  constructor(private readonly store: ConfigStore) {}

  /** Every erasure, or a site's, oldest first. */
  list(site?: string): ErasureRecord[] {
    return this.store
      .list('erasure')
      .flatMap(({ value }) => {
        const parsed = erasureRecord.safeParse(value);
        return parsed.success && (site === undefined || parsed.data.site === site)
          ? [parsed.data]
          : [];
      })
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  }

  /** Validates and stores an erasure (again, with its counts, once the deletes are done). */
  async put(value: ErasureRecord): Promise<ErasureRecord> {
    const parsed = erasureRecord.parse(value);
    await this.store.put('erasure', parsed.id, parsed);
    return parsed;
  }

  /**
   * Calls `listener` with each erasure written from now on (by any process), and returns the
   * unsubscribe function.
   */
  onErasure(listener: (erasure: ErasureRecord) => void): () => void {
    return this.store.onChange((change) => {
      if (change.kind !== 'erasure') return;
      const parsed = erasureRecord.safeParse(change.value);
      if (parsed.success) listener(parsed.data);
    });
  }
}

/**
 * When each erased visitor was erased ("site:visitor" → time): what the bus still holds of them
 * from before that time is skipped, by a replay after a restart too.
 */
export function erasedVisitors(erasures: ErasureRecord[]): Map<string, number> {
  const erased = new Map<string, number>();
  for (const erasure of erasures)
    for (const visitor of erasure.visitors) {
      const key = `${erasure.site}:${visitor}`;
      erased.set(key, Math.max(erased.get(key) ?? 0, erasure.at));
    }
  return erased;
}

/** Erasures as the apps that hold visitors' state follow them. */
export interface ErasureFeed {
  /** When the visitor was last erased; undefined if never. */
  erasedAt: (site: string, visitor: string) => number | undefined;
  /** Calls `listener` with each erasure written from now on; returns the unsubscribe function. */
  onErasure(listener: (erasure: ErasureRecord) => void): () => void;
  /** Stops following the store. */
  stop(): void;
}

/** The erasures of a started store, kept up to date as new ones are written. */
export function watchErasures(store: ConfigStore): ErasureFeed {
  const erasures = new Erasures(store);
  const erased = erasedVisitors(erasures.list());
  const stop = erasures.onErasure((erasure) => {
    for (const [key, at] of erasedVisitors([erasure]))
      erased.set(key, Math.max(erased.get(key) ?? 0, at));
  });
  return {
    erasedAt: (site, visitor) => erased.get(`${site}:${visitor}`),
    onErasure: (listener) => erasures.onErasure(listener),
    stop,
  };
}
