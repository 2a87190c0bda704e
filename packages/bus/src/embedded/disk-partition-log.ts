import { mkdir, readdir, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@sightline/observability';
import type { IncomingMessage, OutgoingMessage } from '@sightline/ports';
import { GroupCommit } from './group-commit.js';
import type { PartitionStore } from './partition-store.js';
import { RecordCache } from './record-cache.js';
import { encodeRecord } from './record-codec.js';
import { recoverTail, scanSealedSegment } from './recover-tail.js';
import { SegmentFile, type StoredRecord } from './segment-file.js';
import {
  planRetention,
  retentionDue,
  type PartitionShape,
  type RetentionLimits,
} from './segment-retention.js';
import { deleteSummary, loadSummary, saveSummary, summaryPath } from './segment-summary.js';
import { syncDir, writeAll } from './file-io.js';

export interface DiskPartitionLogOptions {
  /** The partition's folder: `${dir}/${topic}/${partition}`. */
  dir: string;
  topic: string;
  partition: number;
  /** Offset of the first record when the folder holds no segment yet. */
  firstOffset: number;
  /** fdatasync before an append resolves and becomes readable. */
  fsync: boolean;
  /** A segment past this size is closed and the next append starts a new one. */
  segmentBytes: number;
  /** Bytes of the newest records kept in memory for readers near the end. */
  cacheBytes: number;
  retention: RetentionLimits;
  logger: Logger;
}

interface PendingAppend {
  frames: Buffer[];
  records: { offset: number; size: number; timestamp: number }[];
}

/** The offset after the last record of a round (one with frames has a record). */
function roundEnd(items: PendingAppend[]): number {
  for (let i = items.length - 1; i >= 0; i--) {
    const last = items[i]!.records.at(-1);
    if (last) return last.offset + 1;
  }
  throw new Error('a round with frames has records');
}

/**
 * A partition kept in append-only segment files. Appends go through group commit: one write and
 * one fdatasync per round, however many publishes it holds. Readers see a record only once its
 * round is durable (synced, or written to the operating system when fsync is off), so nothing
 * is ever derived from a record that a crash could take back — except readers that ask for
 * unsynced records (`writtenEnd`), which see a round once written, before its sync.
 */
export class DiskPartitionLog implements PartitionStore {
  private segments: SegmentFile[];
  /** Offset the next append gets. */
  private nextOffset: number;
  /** Offset after the last durable record: what readers see. */
  private durableEnd: number;
  /** Offset after the last record written to the operating system, synced or not. */
  private written: number;
  /** Bytes of every frame appended (written or queued), counted from the first segment at open. */
  private appendedBytes: number;
  private readonly cache: RecordCache;
  private readonly writer: GroupCommit<PendingAppend>;
  private readonly listeners = new Set<() => void>();
  private rollRequested = false;
  private closing = false;
  private broken: Error | undefined;
  private deleting: Promise<void> | undefined;
  /** Where the last read from the files stopped, so the next one in sequence needs no seek. */
  private readHint: { offset: number; segment: SegmentFile; position: number } | undefined;

  private constructor(
    readonly topic: string,
    readonly partition: number,
    private readonly options: DiskPartitionLogOptions,
    segments: SegmentFile[],
  ) {
    this.segments = segments;
    const active = this.active;
    this.nextOffset = active.end;
    this.durableEnd = active.end;
    this.written = active.end;
    this.appendedBytes = active.bytesBefore + active.size;
    this.cache = new RecordCache(options.cacheBytes, active.end);
    this.writer = new GroupCommit((items) => this.round(items));
  }

  /** Opens (or creates) the partition's folder, indexing its segments and cutting a torn tail. */
  static async open(options: DiskPartitionLogOptions): Promise<DiskPartitionLog> {
    const { dir, logger } = options;
    await mkdir(dir, { recursive: true });
    const names = await readdir(dir);
    const bases = names
      .map((name) => SegmentFile.baseOf(name))
      .filter((base): base is number => base !== undefined)
      .sort((a, b) => a - b);
    const segments: SegmentFile[] = [];
    let bytesBefore = 0;
    for (const [i, base] of bases.entries()) {
      const segment = new SegmentFile(join(dir, SegmentFile.fileName(base)), base, bytesBefore);
      if (i === bases.length - 1) await recoverTail(segment, logger);
      else if (!(await loadSummary(segment)) && (await scanSealedSegment(segment, logger)))
        await saveSummary(segment).catch(() => undefined);
      bytesBefore += segment.size;
      segments.push(segment);
    }
    // Summaries of segments that retention deleted just before a crash.
    const kept = new Set(segments.map((segment) => summaryPath(segment)));
    for (const name of names)
      if (/\.index(\.tmp)?$/.test(name) && !kept.has(join(dir, name)))
        await rm(join(dir, name), { force: true });
    if (segments.length === 0) {
      if (!Number.isSafeInteger(options.firstOffset) || options.firstOffset < 0)
        throw new Error(`first offset ${options.firstOffset} is not a whole number below 2^53`);
      segments.push(await SegmentFile.create(dir, options.firstOffset, 0));
      await syncDir(dir);
      await syncDir(join(dir, '..'));
    }
    return new DiskPartitionLog(options.topic, options.partition, options, segments);
  }

  get start(): number {
    return this.segments[0]!.base;
  }

  get end(): number {
    return this.durableEnd;
  }

  get writtenEnd(): number {
    return this.written;
  }

  /** The error that stopped appends to this partition, if one did. */
  get failure(): Error | undefined {
    return this.broken;
  }

  /** Records held in memory now (the cache is bounded, whatever is on disk). */
  get cachedRecords(): number {
    return this.cache.count;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  private get active(): SegmentFile {
    return this.segments[this.segments.length - 1]!;
  }

  append(messages: OutgoingMessage[], now: number, transaction = ''): Promise<void> {
    if (this.closing) return Promise.reject(new Error('the embedded bus is closed'));
    if (this.broken)
      return Promise.reject(
        new Error(`partition ${this.partition} of "${this.topic}" cannot be written`, {
          cause: this.broken,
        }),
      );
    if (messages.length === 0) return Promise.resolve();
    if (this.nextOffset + messages.length > Number.MAX_SAFE_INTEGER)
      return Promise.reject(new Error(`offsets of "${this.topic}" would pass 2^53`));
    const pending: PendingAppend = { frames: [], records: [] };
    const cached: IncomingMessage[] = [];
    // Encode everything first: a message that cannot be encoded leaves no offset taken.
    try {
      messages.forEach((message, i) => {
        const incoming: IncomingMessage = {
          topic: this.topic,
          partition: this.partition,
          offset: String(this.nextOffset + i),
          key: message.key,
          value: typeof message.value === 'string' ? Buffer.from(message.value) : message.value,
          timestamp: message.timestamp ?? now,
          headers: { ...message.headers },
        };
        const frame = encodeRecord({
          offset: this.nextOffset + i,
          timestamp: incoming.timestamp,
          key: incoming.key,
          headers: incoming.headers,
          value: incoming.value,
          transaction,
        });
        pending.frames.push(frame);
        pending.records.push({
          offset: this.nextOffset + i,
          size: frame.length,
          timestamp: incoming.timestamp,
        });
        cached.push(incoming);
      });
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    cached.forEach((message, i) => {
      const size = pending.records[i]!.size;
      this.cache.push({ message, size, transaction, bytesBefore: this.appendedBytes });
      this.appendedBytes += size;
    });
    this.nextOffset += messages.length;
    return this.writer.submit(pending);
  }

  /** One group-commit round: every append queued since the last one, one write, one sync. */
  private async round(items: PendingAppend[]): Promise<void> {
    const frames = items.flatMap((item) => item.frames);
    let segment = this.active;
    let position = segment.size;
    try {
      if (segment.size >= this.options.segmentBytes || (this.rollRequested && !segment.empty)) {
        await this.roll();
        segment = this.active;
        position = 0;
      }
      this.rollRequested = false;
      if (frames.length === 0) return;
      await writeAll(segment.handle!, frames, position);
      if (this.options.fsync) {
        // Readers that take unsynced records (the assistant's) need not wait for the disk.
        this.written = roundEnd(items);
        for (const listener of this.listeners) listener();
        await segment.handle!.datasync();
      }
    } catch (error) {
      await this.undoFailedWrite(segment, position, error);
      throw error;
    }
    let at = position;
    for (const item of items)
      for (const record of item.records) {
        segment.noteRecord(record.offset, at, record.size, record.timestamp);
        at += record.size;
      }
    this.durableEnd = segment.end;
    this.written = this.durableEnd;
    for (const listener of this.listeners) listener();
  }

  /**
   * A write or sync failed (disk full, I/O error): the file is cut back to its last durable
   * record and every append not yet durable is refused, so offsets stay contiguous and the
   * partition takes appends again. If even that fails, the partition refuses appends until the
   * process restarts (recovery then cuts the tail).
   */
  private async undoFailedWrite(
    segment: SegmentFile,
    position: number,
    error: unknown,
  ): Promise<void> {
    const context = { topic: this.topic, partition: this.partition, err: String(error) };
    try {
      await segment.handle!.truncate(position);
      if (this.options.fsync) await segment.handle!.datasync();
      this.options.logger.error(context, 'embedded bus: a write failed; its appends are refused');
    } catch (undoError) {
      this.broken = error instanceof Error ? error : new Error(String(error));
      this.options.logger.error(
        { ...context, undoErr: String(undoError) },
        'embedded bus: a write failed and could not be undone; the partition refuses appends until restarted',
      );
    }
    this.writer.failQueued(error);
    this.nextOffset = this.durableEnd;
    this.written = this.durableEnd;
    this.appendedBytes = segment.bytesBefore + position;
    this.cache.dropFrom(this.durableEnd);
    if (this.readHint && this.readHint.offset > this.durableEnd) this.readHint = undefined;
  }

  /** Closes the segment being written (synced) and starts the next one at the next offset. */
  private async roll(): Promise<void> {
    const old = this.active;
    await old.handle!.datasync();
    const next = await SegmentFile.create(this.options.dir, old.end, old.bytesBefore + old.size);
    try {
      await syncDir(this.options.dir);
    } catch (error) {
      await next.handle!.close();
      throw error;
    }
    this.segments = [...this.segments, next];
    const handle = old.handle!;
    old.handle = undefined;
    await handle
      .close()
      .catch((error: unknown) =>
        this.options.logger.warn(
          { file: old.path, err: String(error) },
          'embedded bus: closing a full segment failed',
        ),
      );
    // Without it the next open reads the segment whole: slower, not wrong.
    await saveSummary(old).catch((error: unknown) =>
      this.options.logger.warn(
        { file: old.path, err: String(error) },
        'embedded bus: could not save the summary of a full segment',
      ),
    );
  }

  async read(
    offset: number,
    maxCount: number,
    maxBytes: number,
    unsynced = false,
  ): Promise<IncomingMessage[]> {
    const start = Math.max(offset, this.start);
    // Records not yet synced are always the newest, so always in the cache.
    if (start >= this.cache.start)
      return this.cache
        .slice(start, unsynced ? this.written : this.durableEnd, maxCount, maxBytes)
        .map((record) => record.message);
    const records = await this.readRecords(start, maxCount, maxBytes);
    return records.map((record) => this.toMessage(record));
  }

  /**
   * Records from the files, from `offset` (at or after `start`) to the durable end. A segment
   * deleted by retention while being read makes the read start again from what is kept.
   */
  async readRecords(offset: number, maxCount: number, maxBytes: number): Promise<StoredRecord[]> {
    try {
      return await this.readFiles(offset, maxCount, maxBytes);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || offset >= this.start) throw error;
      return this.readFiles(Math.max(offset, this.start), maxCount, maxBytes);
    }
  }

  private async readFiles(
    offset: number,
    maxCount: number,
    maxBytes: number,
  ): Promise<StoredRecord[]> {
    const segments = this.segments;
    const until = this.durableEnd;
    const out: StoredRecord[] = [];
    let bytes = 0;
    let from = Math.max(offset, segments[0]!.base);
    let index = this.segmentIndexOf(segments, from);
    while (index < segments.length && from < until && out.length < maxCount) {
      const segment = segments[index]!;
      if (from >= segment.end) {
        index++;
        from = Math.max(from, segments[index]?.base ?? from);
        continue;
      }
      const hint = this.readHint;
      const position =
        hint && hint.segment === segment && hint.offset === from
          ? hint.position
          : segment.positionFor(from);
      const { records, next } = await segment.read(position, {
        from,
        until,
        maxCount: maxCount - out.length,
        maxBytes: out.length === 0 ? maxBytes : maxBytes - bytes,
      });
      if (records.length === 0) break;
      for (const record of records) {
        out.push(record);
        bytes += record.size;
      }
      from = records[records.length - 1]!.offset + 1;
      this.readHint = { offset: from, segment, position: next };
      if (bytes >= maxBytes) break;
    }
    return out;
  }

  /** The segment holding `offset`: the last one whose base is at or before it. */
  private segmentIndexOf(segments: SegmentFile[], offset: number): number {
    let low = 0;
    let high = segments.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (segments[middle]!.base <= offset) low = middle + 1;
      else high = middle;
    }
    return Math.max(0, low - 1);
  }

  private toMessage(record: StoredRecord): IncomingMessage {
    return {
      topic: this.topic,
      partition: this.partition,
      offset: String(record.offset),
      key: record.key,
      value: record.value,
      timestamp: record.timestamp,
      headers: record.headers,
    };
  }

  /** How many records from `from` on carry transaction `id` (they sit together). */
  async countTransaction(from: number, id: string): Promise<number> {
    let count = 0;
    let offset = Math.max(from, this.start);
    while (offset < this.durableEnd) {
      const records = await this.readRecords(offset, 1_000, 4 * 1024 * 1024);
      if (records.length === 0) break;
      for (const record of records) if (record.transaction === id) count++;
      offset = records[records.length - 1]!.offset + 1;
    }
    return count;
  }

  async offsetAt(timestamp: number): Promise<number> {
    for (const segment of this.segments) {
      if (segment.empty || segment.newestTimestamp < timestamp) continue;
      let offset = segment.index.firstReaching(timestamp)?.offset ?? segment.base;
      while (offset < Math.min(segment.end, this.durableEnd)) {
        const records = await this.readRecords(offset, 1_000, 4 * 1024 * 1024);
        const found = records.find((record) => record.timestamp >= timestamp);
        if (found) return Math.min(found.offset, this.durableEnd);
        if (records.length === 0) break;
        offset = records[records.length - 1]!.offset + 1;
      }
    }
    return this.durableEnd;
  }

  bytesFrom(offset: number): number {
    if (offset >= this.nextOffset) return 0;
    const from = Math.max(offset, this.start);
    const cached = this.cache.get(from);
    if (cached) return this.appendedBytes - cached.bytesBefore;
    const segment = this.segments[this.segmentIndexOf(this.segments, from)]!;
    return this.appendedBytes - segment.bytesBefore - segment.positionFor(from);
  }

  retentionDue(now: number): boolean {
    if (this.closing || this.deleting) return false;
    return retentionDue(this.shape, this.options.retention, now);
  }

  /** Deletes whole segments as `planRetention` says; the files go in the background. */
  applyRetention(now: number, keepFrom: number): void {
    if (this.closing || this.deleting) return;
    const plan = planRetention(this.shape, this.options.retention, now, keepFrom);
    for (const segment of plan.unread)
      this.options.logger.error(
        {
          topic: this.topic,
          partition: this.partition,
          from: segment.base,
          to: segment.end,
          committed: keepFrom,
        },
        'embedded bus: the size or count bound deletes messages a consumer group has not committed past',
      );
    if (plan.rollActive) this.requestRoll();
    if (plan.drop === 0) return;
    const dropped = this.segments.slice(0, plan.drop);
    this.segments = this.segments.slice(plan.drop);
    this.cache.dropBefore(this.start);
    if (this.readHint && dropped.includes(this.readHint.segment)) this.readHint = undefined;
    this.deleting = this.deleteFiles(dropped).finally(() => {
      this.deleting = undefined;
    });
  }

  private get shape(): PartitionShape {
    return {
      segments: this.segments,
      totalBytes: this.appendedBytes - this.segments[0]!.bytesBefore,
      nextOffset: this.nextOffset,
    };
  }

  private async deleteFiles(segments: SegmentFile[]): Promise<void> {
    for (const segment of segments)
      await Promise.all([unlink(segment.path), deleteSummary(segment)]).catch((error: unknown) =>
        this.options.logger.error(
          { file: segment.path, err: String(error) },
          'embedded bus: could not delete a segment',
        ),
      );
    this.options.logger.info(
      {
        topic: this.topic,
        partition: this.partition,
        segments: segments.length,
        start: this.start,
      },
      'embedded bus: retention deleted old segments',
    );
  }

  /** Asks for the segment being written to be closed, through a round of its own. */
  private requestRoll(): void {
    if (this.rollRequested) return;
    this.rollRequested = true;
    this.writer
      .submit({ frames: [], records: [] })
      .catch((error: unknown) =>
        this.options.logger.error(
          { topic: this.topic, partition: this.partition, err: String(error) },
          'embedded bus: could not start a new segment',
        ),
      );
  }

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Finishes the writes in flight (synced), then closes the file; later appends are refused. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.writer.idle();
    await this.deleting;
    const handle = this.active.handle;
    if (handle) {
      await handle.datasync();
      await handle.close();
      this.active.handle = undefined;
    }
  }
}
