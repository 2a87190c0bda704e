import { stableHash } from '@sightline/contract';
import type { IncomingMessage, OutgoingMessage } from '@sightline/ports';
import type { PartitionStore } from './partition-store.js';

/** One partition of an in-process topic: an append-only array with Kafka-like offsets. */
export class PartitionLog implements PartitionStore {
  private messages: IncomingMessage[] = [];
  /** Bytes written before each message of `messages` (values and keys), to size a backlog. */
  private bytesBefore: number[] = [];
  private bytesWritten = 0;
  /** Offset of messages[0]; grows as old messages are trimmed. */
  private base: number;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly topic: string,
    readonly partition: number,
    private readonly retention: number,
    firstOffset = 0,
    /**
     * How long a message is kept once every committing group has read past it; unset: messages
     * go by count only.
     */
    private readonly retentionMs?: number,
  ) {
    this.base = firstOffset;
  }

  get start(): number {
    return this.base;
  }

  get end(): number {
    return this.base + this.messages.length;
  }

  /** In memory, a message is readable as soon as it is appended. */
  get writtenEnd(): number {
    return this.end;
  }

  append(messages: OutgoingMessage[], now: number): Promise<void> {
    for (const message of messages) this.appendOne(message, now);
    return Promise.resolve();
  }

  private appendOne(message: OutgoingMessage, now: number): void {
    this.bytesBefore.push(this.bytesWritten);
    this.bytesWritten += sizeOf(message);
    this.messages.push({
      topic: this.topic,
      partition: this.partition,
      offset: String(this.end),
      key: message.key,
      value: typeof message.value === 'string' ? Buffer.from(message.value) : message.value,
      timestamp: message.timestamp ?? now,
      headers: { ...message.headers },
    });
    // Trim in chunks so appends stay O(1) amortised.
    if (this.messages.length > this.retention * 1.25)
      this.dropFirst(this.messages.length - this.retention);
    for (const listener of this.listeners) listener();
  }

  /** The first retained offset written at or after `timestamp` (append times only grow). */
  offsetAt(timestamp: number): number {
    let low = 0;
    let high = this.messages.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.messages[middle]!.timestamp < timestamp) low = middle + 1;
      else high = middle;
    }
    return this.base + low;
  }

  /** Bytes of the retained messages from `offset` to the end. */
  bytesFrom(offset: number): number {
    if (offset >= this.end) return 0;
    return this.bytesWritten - this.bytesBefore[Math.max(offset, this.base) - this.base]!;
  }

  /**
   * Drops the messages written before `before` (epoch ms) whose offsets are below `keepFrom`:
   * what every consumer group has committed past and is older than the time to keep.
   */
  trimOlderThan(before: number, keepFrom: number): void {
    let drop = 0;
    while (
      drop < this.messages.length &&
      this.messages[drop]!.timestamp < before &&
      this.base + drop < keepFrom
    )
      drop++;
    if (drop > 0) this.dropFirst(drop);
  }

  /** Drops the `count` oldest messages, keeping offsets and byte counts in step. */
  private dropFirst(count: number): void {
    this.messages = this.messages.slice(count);
    this.bytesBefore = this.bytesBefore.slice(count);
    this.base += count;
  }

  /** When the oldest retained message was written (undefined when the log is empty). */
  get oldestTimestamp(): number | undefined {
    return this.messages[0]?.timestamp;
  }

  /** Up to `maxCount` messages from `offset` (clamped to what is still retained). */
  read(offset: number, maxCount: number, maxBytes = Infinity): IncomingMessage[] {
    const from = Math.max(offset, this.base) - this.base;
    const batch = this.messages.slice(from, from + maxCount);
    if (maxBytes === Infinity || batch.length === 0) return batch;
    let count = 1;
    let bytes = this.sizeAt(from);
    while (count < batch.length && bytes + this.sizeAt(from + count) <= maxBytes)
      bytes += this.sizeAt(from + count++);
    return batch.slice(0, count);
  }

  private sizeAt(index: number): number {
    const next = this.bytesBefore[index + 1] ?? this.bytesWritten;
    return next - this.bytesBefore[index]!;
  }

  /**
   * Past its time, messages are dropped in chunks of a tenth of the retention time so that
   * trimming stays cheap.
   */
  retentionDue(now: number): boolean {
    const oldest = this.oldestTimestamp;
    return (
      this.retentionMs !== undefined &&
      oldest !== undefined &&
      oldest < now - this.retentionMs * 1.1
    );
  }

  applyRetention(now: number, keepFrom: number): void {
    if (this.retentionMs !== undefined) this.trimOlderThan(now - this.retentionMs, keepFrom);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Calls `listener` after every append until the returned function is called. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Bytes a message takes in the log, near enough: its value and key. */
export const sizeOf = (message: OutgoingMessage): number =>
  (typeof message.value === 'string' ? Buffer.byteLength(message.value) : message.value.length) +
  message.key.length;

/** A key always lands on the same partition. */
export const partitionFor = (key: string, partitions: number): number =>
  stableHash(key) % partitions;
