import { open, type FileHandle } from 'node:fs/promises';
import type { Logger } from '@sightline/observability';
import { peekRecord, readFrame } from './record-codec.js';
import type { SegmentFile } from './segment-file.js';

const SCAN_CHUNK_BYTES = 1024 * 1024;

/**
 * Reads a segment file from its start, rebuilding its index, up to the first frame that is cut
 * short, fails its CRC or does not carry the offset after its predecessor's. Returns the file's
 * length and, when the valid records end before it, why.
 */
export async function scanSegment(
  segment: SegmentFile,
  handle: FileHandle,
): Promise<{ fileBytes: number; problem?: string }> {
  const fileBytes = (await handle.stat()).size;
  let position = 0;
  let expected = segment.base;
  let carry = Buffer.alloc(0);
  while (position < fileBytes) {
    const chunkStart = position;
    const want = Math.min(SCAN_CHUNK_BYTES, fileBytes - position - carry.length);
    let chunk = carry;
    if (want > 0) {
      const fresh = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(fresh, 0, want, position + carry.length);
      chunk = Buffer.concat([carry, fresh.subarray(0, bytesRead)]);
      if (bytesRead === 0) return { fileBytes, problem: 'the file shrank while read' };
    }
    let at = 0;
    for (;;) {
      const frame = readFrame(chunk, at);
      if (frame.status === 'corrupt') return { fileBytes, problem: frame.reason };
      if (frame.status === 'partial') {
        if (chunkStart + chunk.length >= fileBytes)
          return { fileBytes, problem: 'a cut-off record' };
        break;
      }
      const { offset, timestamp } = peekRecord(frame.payload);
      if (offset !== expected)
        return { fileBytes, problem: `offset ${offset} where ${expected} was expected` };
      segment.noteRecord(offset, position, frame.size, timestamp);
      expected = offset + 1;
      at += frame.size;
      position += frame.size;
    }
    carry = chunk.subarray(at);
  }
  return { fileBytes };
}

/**
 * Opens the newest segment of a partition for appending. A crash can leave its last record
 * half-written (or, after a power loss, garbage past the last synced byte): that tail was never
 * acknowledged, so it is cut off, with a warning, and appends continue from the last whole
 * record. Nothing before it is touched.
 */
export async function recoverTail(segment: SegmentFile, logger: Logger): Promise<void> {
  const handle = await open(segment.path, 'r+');
  try {
    const { fileBytes, problem } = await scanSegment(segment, handle);
    if (problem !== undefined) {
      logger.warn(
        {
          file: segment.path,
          at: segment.size,
          droppedBytes: fileBytes - segment.size,
          reason: problem,
          nextOffset: segment.end,
        },
        'embedded bus: truncating a torn tail left by a crash',
      );
      await handle.truncate(segment.size);
      await handle.datasync();
    }
    segment.handle = handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * Indexes an older segment, read-only; true when it is whole. Damage there is not a torn tail
 * (the file was synced before the next one began): the records after it are left out, with an
 * error, and the file is left as it is for inspection.
 */
export async function scanSealedSegment(segment: SegmentFile, logger: Logger): Promise<boolean> {
  const handle = await open(segment.path, 'r');
  try {
    const { fileBytes, problem } = await scanSegment(segment, handle);
    if (problem === undefined) return true;
    logger.error(
      {
        file: segment.path,
        at: segment.size,
        unreadableBytes: fileBytes - segment.size,
        reason: problem,
      },
      'embedded bus: a damaged older segment; the records past the damage are skipped',
    );
    return false;
  } finally {
    await handle.close();
  }
}
