/** What readiness knows of one partition held. */
export interface PartitionProgress {
  partition: number;
  /** Events read (or a restore begun) that are not yet in the stores. */
  pending: boolean;
  /** When results last reached every store (or the work began). */
  movedAt: number;
}

/**
 * The partitions that have work waiting and stored nothing for `stallMs`: a store down or a
 * write that hangs. An idle partition is never stalled.
 */
export function stalledPartitions(
  progress: Iterable<PartitionProgress>,
  now: number,
  stallMs: number,
): { partition: number; forMs: number }[] {
  const stalled: { partition: number; forMs: number }[] = [];
  for (const { partition, pending, movedAt } of progress)
    if (pending && now - movedAt >= stallMs) stalled.push({ partition, forMs: now - movedAt });
  return stalled.sort((a, b) => a.partition - b.partition);
}
