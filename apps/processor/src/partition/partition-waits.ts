import { stalledPartitions } from './stalled-partitions.js';

/**
 * Since when each held partition has had work waiting, for readiness. The clock starts when a
 * partition goes from idle to busy, starts again each time it stores something, and stops only
 * when nothing read is left unstored: a batch handed again after a failed attempt, a task
 * rebuilt from its commit or a rebalance that keeps the partition here do not restart it, so a
 * store that stays down is always reported.
 */
export class PartitionWaits {
  private readonly waitingSince = new Map<number, number>();
  private readonly busy = new Set<number>();

  /** A batch of `partition` is being handled from `now` on. */
  batchStarted(partition: number, now = Date.now()): void {
    this.busy.add(partition);
    if (!this.waitingSince.has(partition)) this.waitingSince.set(partition, now);
  }

  /**
   * The handling ended; `pending` says whether anything is left unstored (what was read and not
   * yet flushed, or a batch that failed and will be handed again).
   */
  batchEnded(partition: number, pending: boolean): void {
    this.busy.delete(partition);
    if (!pending) this.waitingSince.delete(partition);
  }

  /** A flush of `partition` reached every store at `at`; `pending` says whether more waits. */
  stored(partition: number, pending: boolean, at = Date.now()): void {
    if (!pending && !this.busy.has(partition)) this.waitingSince.delete(partition);
    else if (this.waitingSince.has(partition)) this.waitingSince.set(partition, at);
  }

  /** The partitions held now: the others are forgotten, those kept keep their clocks. */
  held(partitions: ReadonlySet<number>): void {
    for (const partition of this.waitingSince.keys())
      if (!partitions.has(partition)) this.waitingSince.delete(partition);
    for (const partition of this.busy) if (!partitions.has(partition)) this.busy.delete(partition);
  }

  /** The partitions with work waiting that stored nothing for `stallMs`. */
  stalled(stallMs: number, now = Date.now()): { partition: number; forMs: number }[] {
    return stalledPartitions(
      [...this.waitingSince].map(([partition, movedAt]) => ({ partition, pending: true, movedAt })),
      now,
      stallMs,
    );
  }
}
