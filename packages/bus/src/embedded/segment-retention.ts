import type { SegmentFile } from './segment-file.js';

export interface RetentionLimits {
  /** Segments whose newest record is older than this go, once committing groups are past them. */
  ms?: number;
  /** The oldest segments go while the partition holds more bytes than this. */
  bytes?: number;
  /** The oldest segments go while the newer ones hold at least this many messages. */
  count?: number;
}

/** A partition's segments, oldest first (the last is being written), and its totals. */
export interface PartitionShape {
  segments: readonly SegmentFile[];
  totalBytes: number;
  /** Offset the next append gets. */
  nextOffset: number;
}

export interface RetentionPlan {
  /** How many of the oldest segments to delete. */
  drop: number;
  /** Among them, those deleted by the size or count bound though a group has not read them. */
  unread: SegmentFile[];
  /**
   * The segment being written is entirely past its time and read: close it, so that a later
   * pass deletes it.
   */
  rollActive: boolean;
}

/** Whether a retention pass could delete something now; cheap, as it is asked on every publish. */
export function retentionDue(shape: PartitionShape, limits: RetentionLimits, now: number): boolean {
  const { ms, bytes, count } = limits;
  const oldest = shape.segments[0]!;
  const second = shape.segments[1];
  return (
    (ms !== undefined && !oldest.empty && oldest.newestTimestamp < now - ms) ||
    (second !== undefined && bytes !== undefined && shape.totalBytes > bytes) ||
    (second !== undefined && count !== undefined && shape.nextOffset - second.base >= count)
  );
}

/**
 * Which whole segments go, from the oldest: those past their time that every committing group
 * has read (below `keepFrom`), and those beyond the size or count bound, read or not (as Kafka
 * does). The segment being written never goes; when it alone is past its time, it is closed.
 */
export function planRetention(
  shape: PartitionShape,
  limits: RetentionLimits,
  now: number,
  keepFrom: number,
): RetentionPlan {
  const { segments } = shape;
  const cutoff = limits.ms === undefined ? -Infinity : now - limits.ms;
  const pastTime = (segment: SegmentFile) =>
    segment.newestTimestamp < cutoff && segment.end <= keepFrom;
  let total = shape.totalBytes;
  let drop = 0;
  const unread: SegmentFile[] = [];
  for (; drop < segments.length - 1; drop++) {
    const segment = segments[drop]!;
    const bySize = limits.bytes !== undefined && total > limits.bytes;
    const byCount =
      limits.count !== undefined && shape.nextOffset - segments[drop + 1]!.base >= limits.count;
    if (!pastTime(segment) && !bySize && !byCount) break;
    if (segment.end > keepFrom) unread.push(segment);
    total -= segment.size;
  }
  const active = segments[segments.length - 1]!;
  const rollActive = drop === segments.length - 1 && !active.empty && pastTime(active);
  return { drop, unread, rollActive };
}
