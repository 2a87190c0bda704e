import type { ProfileConfig } from '@sightline/contract';
import { VisitorScorer, type PathOptions } from '@sightline/scoring';

/**
 * The visitors of the partitions one chatbot copy holds, bounded twice: a visitor quiet for the
 * TTL (ingest time) is forgotten, and beyond `maxVisitors` the least recently seen go first.
 */
export class VisitorTable {
  /** In order of last use: the first entry is the least recently seen. */
  private readonly visitors = new Map<string, VisitorScorer>();
  evicted = 0;

  constructor(
    private readonly profilesOf: (site: string) => ProfileConfig[],
    private readonly pathOptionsOf: (site: string) => PathOptions,
    private readonly ttlMs: number,
    private readonly maxVisitors: number,
  ) {}

  get size(): number {
    return this.visitors.size;
  }

  /** The visitor's scorer, created on first sight. */
  scorer(site: string, visitor: string): VisitorScorer {
    const key = `${site}:${visitor}`;
    let scorer = this.visitors.get(key);
    if (scorer) this.visitors.delete(key);
    else scorer = new VisitorScorer(this.profilesOf(site), site, visitor, this.pathOptionsOf(site));
    this.visitors.set(key, scorer);
    if (this.visitors.size > this.maxVisitors) this.evictOldest();
    return scorer;
  }

  /** Forgets a visitor whose data was erased: their scores and what they were sent. */
  forget(site: string, visitor: string): void {
    this.visitors.delete(`${site}:${visitor}`);
  }

  /** Forgets visitors not seen since `now - ttl` (ingest time of the partition). */
  expire(now: number): void {
    for (const [key, scorer] of this.visitors) {
      // In order of last use: the first one seen recently ends the sweep.
      if (scorer.lastSeenAt >= now - this.ttlMs) break;
      this.visitors.delete(key);
      this.evicted++;
    }
  }

  private evictOldest(): void {
    const oldest = this.visitors.keys().next().value;
    if (oldest === undefined) return;
    this.visitors.delete(oldest);
    this.evicted++;
  }
}
