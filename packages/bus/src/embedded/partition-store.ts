import type { IncomingMessage, OutgoingMessage } from '@sightline/ports';

/**
 * One partition of an embedded topic, as the bus sees it: in memory (`PartitionLog`, for unit
 * tests and throw-away runs) or in segment files (`DiskPartitionLog`, the store of record).
 */
export interface PartitionStore {
  readonly topic: string;
  readonly partition: number;
  /** The first offset still kept. */
  readonly start: number;
  /** The offset after the last message consumers may read (on disk: the last durable one). */
  readonly end: number;
  /**
   * The offset after the last message written to the operating system: past `end` while its
   * sync is in flight (at `end` in memory or without fsync). A process killed keeps these
   * messages; a power cut, or a write that fails, may take them back.
   */
  readonly writtenEnd: number;
  /**
   * Appends `messages` in order; resolves once they are durable (at once in memory).
   * `transaction` marks outputs of a `commitWith`, so recovery can tell whether they are there.
   */
  append(messages: OutgoingMessage[], now: number, transaction?: string): Promise<void>;
  /**
   * Up to `maxCount` messages from `offset` (clamped to `start`), within about `maxBytes`; up to
   * `end`, or up to `writtenEnd` when `unsynced`.
   */
  read(
    offset: number,
    maxCount: number,
    maxBytes: number,
    unsynced?: boolean,
  ): IncomingMessage[] | Promise<IncomingMessage[]>;
  /** The first offset written at or after `timestamp`, or `end`. */
  offsetAt(timestamp: number): number | Promise<number>;
  /** Bytes of the messages from `offset` to the end, near enough, for the backlog bound. */
  bytesFrom(offset: number): number;
  /** Whether retention has something to drop now; cheap, as it runs on every publish. */
  retentionDue(now: number): boolean;
  /**
   * Drops what retention allows. `keepFrom`: the first offset a committing consumer group still
   * needs, which time retention keeps.
   */
  applyRetention(now: number, keepFrom: number): void;
  /** Calls `listener` whenever `end` or `writtenEnd` moves until the returned function is called. */
  onAppend(listener: () => void): () => void;
  close(): Promise<void>;
}
