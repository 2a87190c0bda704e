import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { SegmentFile } from './segment-file.js';

/**
 * What opening a closed segment would learn by reading it whole — its size, end, newest
 * timestamp and sparse index — saved beside it when it is closed (`<base>.index`), so a restart
 * reads only the segment being written, however much the partition keeps. A summary that does
 * not match its segment's size is ignored and the segment scanned.
 */
interface Summary {
  base: number;
  size: number;
  end: number;
  newestTimestamp: number | null;
  index: { offsets: number[]; positions: number[]; newest: number[] };
}

export const summaryPath = (segment: SegmentFile): string =>
  segment.path.replace(/\.log$/, '.index');

/** Saves the summary of a closed (synced) segment; a crash midway leaves no summary at all. */
export async function saveSummary(segment: SegmentFile): Promise<void> {
  const summary: Summary = {
    base: segment.base,
    size: segment.size,
    end: segment.end,
    newestTimestamp: Number.isFinite(segment.newestTimestamp) ? segment.newestTimestamp : null,
    index: segment.index.toJSON(),
  };
  const path = summaryPath(segment);
  await writeFile(`${path}.tmp`, JSON.stringify(summary), { flush: true });
  await rename(`${path}.tmp`, path);
}

/** Fills `segment` from its summary; false when there is none that fits the file. */
export async function loadSummary(segment: SegmentFile): Promise<boolean> {
  let summary: Summary;
  try {
    summary = JSON.parse(await readFile(summaryPath(segment), 'utf8')) as Summary;
  } catch {
    return false;
  }
  const fileBytes = (await stat(segment.path)).size;
  if (summary.base !== segment.base || summary.size !== fileBytes) return false;
  try {
    segment.index.load(summary.index);
  } catch {
    return false;
  }
  segment.size = summary.size;
  segment.end = summary.end;
  segment.newestTimestamp = summary.newestTimestamp ?? -Infinity;
  return true;
}

export async function deleteSummary(segment: SegmentFile): Promise<void> {
  await rm(summaryPath(segment), { force: true });
}
