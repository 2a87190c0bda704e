import type { IncomingMessage } from '@sightline/ports';

export interface CachedRecord {
  message: IncomingMessage;
  /** Bytes of its frame on disk. */
  size: number;
  transaction: string;
  /** Where its frame starts in the partition's bytes (across segments). */
  bytesBefore: number;
}

/** What an entry costs besides its key and value (objects, strings, the offset string). */
const ENTRY_OVERHEAD_BYTES = 160;

/**
 * The newest records of a partition, within a byte budget: consumers near the end (the usual
 * case) read them without touching the files; older reads go to the segment files and the
 * operating system's page cache. Offsets in the cache are contiguous.
 */
export class RecordCache {
  private entries: CachedRecord[] = [];
  private head = 0;
  private bytes = 0;
  /** Offset of entries[head]. */
  private first: number;

  constructor(
    private readonly maxBytes: number,
    next: number,
  ) {
    this.first = next;
  }

  /** The oldest cached offset (the next offset to be appended when empty). */
  get start(): number {
    return this.first;
  }

  get count(): number {
    return this.entries.length - this.head;
  }

  /** Adds the record with the next offset, evicting the oldest past the budget. */
  push(record: CachedRecord): void {
    this.entries.push(record);
    this.bytes += costOf(record);
    while (this.bytes > this.maxBytes && this.count > 0) this.dropOldest();
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  /** Records from `offset` (at or after `start`) below `until`, within the count and bytes. */
  slice(offset: number, until: number, maxCount: number, maxBytes: number): CachedRecord[] {
    const out: CachedRecord[] = [];
    let bytes = 0;
    const stop = Math.min(until - this.first, this.count, offset - this.first + maxCount);
    for (let i = offset - this.first; i < stop; i++) {
      const record = this.entries[this.head + i]!;
      if (out.length > 0 && bytes + record.size > maxBytes) break;
      out.push(record);
      bytes += record.size;
    }
    return out;
  }

  get(offset: number): CachedRecord | undefined {
    if (offset < this.first) return undefined;
    return this.entries[this.head + offset - this.first];
  }

  /** Forgets the records before `offset` (deleted by retention). */
  dropBefore(offset: number): void {
    while (this.first < offset && this.count > 0) this.dropOldest();
    if (this.count === 0) this.first = Math.max(this.first, offset);
  }

  /** Forgets the records at or past `offset` (their write failed). */
  dropFrom(offset: number): void {
    while (this.count > 0 && this.first + this.count > offset) {
      const record = this.entries.pop()!;
      this.bytes -= costOf(record);
    }
    if (this.count === 0) this.first = offset;
  }

  private dropOldest(): void {
    const record = this.entries[this.head]!;
    this.entries[this.head] = undefined as unknown as CachedRecord;
    this.head++;
    this.first++;
    this.bytes -= costOf(record);
  }
}

const costOf = (record: CachedRecord): number => record.size + ENTRY_OVERHEAD_BYTES;
