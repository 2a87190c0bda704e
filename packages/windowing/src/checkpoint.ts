/**
 * Committed with a partition's offset: windows starting before `closedBefore` are final (written,
 * never rewritten — a replayed event for one of them is ignored), and the ingest-time watermark
 * the partition had reached.
 */
export interface Checkpoint {
  closedBefore: number;
  watermark: number;
}

export function encodeCheckpoint(checkpoint: Checkpoint): string {
  return JSON.stringify({ v: 1, ...checkpoint });
}

/** A checkpoint from commit metadata; none (start afresh) for anything unreadable. */
export function decodeCheckpoint(metadata: string | null | undefined): Checkpoint | undefined {
  if (!metadata) return undefined;
  try {
    const parsed = JSON.parse(metadata) as Partial<Checkpoint> & { v?: number };
    if (
      parsed.v !== 1 ||
      typeof parsed.closedBefore !== 'number' ||
      typeof parsed.watermark !== 'number'
    )
      return undefined;
    return { closedBefore: parsed.closedBefore, watermark: parsed.watermark };
  } catch {
    return undefined;
  }
}
