import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeRecord, peekRecord, readFrame, type LogRecord } from './record-codec.js';
import { SparseIndex } from './sparse-index.js';

/** A record read back, with the bytes its frame takes in the file. */
export interface StoredRecord extends LogRecord {
  size: number;
}

export interface ReadLimits {
  /** Records before this offset are skipped. */
  from: number;
  /** Records at or past this offset are not returned (not durable yet). */
  until: number;
  maxCount: number;
  /** Bytes of frames; the first record is returned whatever its size. */
  maxBytes: number;
}

const NAME = /^(\d{20})\.log$/;
/** Bytes read from a file at once. */
const READ_CHUNK_BYTES = 256 * 1024;
/** One index entry per this many bytes of a segment. */
export const INDEX_INTERVAL_BYTES = 16 * 1024;

/**
 * One append-only file of a partition, named by the offset of its first record (zero-padded so
 * names sort as offsets do). Only the newest segment of a partition is written to; the others
 * are read, and deleted whole by retention.
 */
export class SegmentFile {
  /** Bytes of whole records in the file (what was written; durability is the log's business). */
  size = 0;
  /** The offset after the last record (the base while empty). */
  end: number;
  /** Newest record timestamp (-Infinity while empty). */
  newestTimestamp = -Infinity;
  readonly index = new SparseIndex(INDEX_INTERVAL_BYTES);
  /** Open while this is the segment being written to. */
  handle: FileHandle | undefined;

  constructor(
    readonly path: string,
    readonly base: number,
    /** Position of this file's first byte in the partition's bytes, for sizing backlogs. */
    readonly bytesBefore: number,
  ) {
    this.end = base;
  }

  static fileName(base: number): string {
    return `${String(base).padStart(20, '0')}.log`;
  }

  /** The base offset a segment file name says, or undefined for another file. */
  static baseOf(name: string): number | undefined {
    const match = NAME.exec(name);
    return match ? Number(match[1]) : undefined;
  }

  /**
   * Creates an empty segment file. No segment can hold this base yet (offsets only grow), so a
   * file of that name is the leftover of a new segment whose creation failed: it is emptied.
   */
  static async create(dir: string, base: number, bytesBefore: number): Promise<SegmentFile> {
    const segment = new SegmentFile(join(dir, SegmentFile.fileName(base)), base, bytesBefore);
    segment.handle = await open(segment.path, 'w+');
    return segment;
  }

  get empty(): boolean {
    return this.size === 0;
  }

  /** Book-keeping for a record now in the file at `position`. */
  noteRecord(offset: number, position: number, size: number, timestamp: number): void {
    this.index.add(offset, position, timestamp);
    this.end = offset + 1;
    this.size = position + size;
    if (timestamp > this.newestTimestamp) this.newestTimestamp = timestamp;
  }

  /** Where to start decoding to reach `offset`: the index entry at or before it. */
  positionFor(offset: number): number {
    return this.index.floor(offset)?.position ?? 0;
  }

  /**
   * Records from file position `position` (a record boundary) within `limits`, and the position
   * after the last one returned. Stops at the end of this segment.
   */
  async read(
    position: number,
    limits: ReadLimits,
  ): Promise<{ records: StoredRecord[]; next: number }> {
    // A handle of its own: the writer's may be closed by a roll while this read runs.
    const handle = await open(this.path, 'r');
    try {
      return await this.readWith(handle, position, limits);
    } finally {
      await handle.close();
    }
  }

  private async readWith(
    handle: FileHandle,
    position: number,
    limits: ReadLimits,
  ): Promise<{ records: StoredRecord[]; next: number }> {
    const records: StoredRecord[] = [];
    let bytes = 0;
    let chunk = Buffer.alloc(0);
    let chunkAt = position;
    let at = 0;
    while (position < this.size && records.length < limits.maxCount) {
      let frame = readFrame(chunk, at);
      if (frame.status === 'partial') {
        const want = Math.min(Math.max(READ_CHUNK_BYTES, frame.needs), this.size - position);
        chunk = Buffer.allocUnsafe(want);
        const { bytesRead } = await handle.read(chunk, 0, want, position);
        chunk = chunk.subarray(0, bytesRead);
        chunkAt = position;
        at = 0;
        frame = readFrame(chunk, at);
        if (frame.status === 'partial')
          throw new Error(`${this.path}: a record ends past the file's end at ${position}`);
      }
      if (frame.status === 'corrupt')
        throw new Error(`${this.path}: corrupt record at ${chunkAt + at} (${frame.reason})`);
      const { offset } = peekRecord(frame.payload);
      if (offset >= limits.until) break;
      if (offset >= limits.from) {
        if (records.length > 0 && bytes + frame.size > limits.maxBytes) break;
        records.push({ ...decodeRecord(frame.payload), size: frame.size });
        bytes += frame.size;
      }
      at += frame.size;
      position += frame.size;
    }
    return { records, next: position };
  }
}
