/**
 * The Bus port: what apps need from a log-structured message bus. Two adapters implement it —
 * Apache Kafka for the distributed mode, an in-process log for the embedded mode — so app code
 * never knows which one it runs on.
 */

export interface OutgoingMessage {
  /** Partitioning key: messages with the same key stay in order on one partition. */
  key: string;
  value: string | Buffer;
  headers?: Record<string, string>;
  /** Epoch ms; the bus time when omitted. */
  timestamp?: number;
  /** A partition chosen by the caller instead of the key's (clock messages to every partition). */
  partition?: number;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  /** Position in the partition, as a decimal string (64-bit). */
  offset: string;
  key: string | null;
  value: Buffer;
  timestamp: number;
  headers: Record<string, string>;
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** Messages of one partition, in offset order. */
export interface PartitionBatch extends TopicPartition {
  messages: IncomingMessage[];
  /** Offset the next message written to the partition will get: caught up when last + 1 equals it. */
  highWatermark: string;
}

export interface BatchContext {
  /**
   * Records that everything before `nextOffset` is durably handled: after a restart or a
   * rebalance, this partition is read again from `nextOffset`. `metadata` is stored with the
   * offset, atomically, and read back with `lag`.
   */
  commit(nextOffset: string, metadata?: string): Promise<void>;
  /**
   * Publishes `outputs` and commits `nextOffset` as one step: both happen or neither does (a
   * transaction on Kafka), so a handler that crashes and reads its input again never emits its
   * outputs twice. Readers see the outputs once the step is done.
   */
  commitWith(
    outputs: { topic: string; messages: OutgoingMessage[] }[],
    nextOffset: string,
    metadata?: string,
  ): Promise<void>;
  /**
   * Reads this partition again from `offset` after the handler returns (what the batch held past
   * it is delivered again). For a handler that lost its in-memory state and must rebuild it from
   * its last commit.
   */
  seek(offset: string): void;
  /** Keeps group membership alive during long work. */
  heartbeat(): Promise<void>;
  /** False once the subscription is closing or the partition was taken away. */
  isRunning(): boolean;
}

export type CommitMode =
  /** The bus commits the end of each batch once the handler resolves. */
  | 'after-batch'
  /** The handler decides what is durable and calls `commit` itself. */
  | 'manual'
  /** Nothing is committed (broadcast readers that always start at the end). */
  | 'none';

export interface SubscribeOptions {
  topics: string[];
  /** Consumer group: members of a group share the partitions; each group sees every message. */
  group: string;
  /** Where a group without committed offsets starts. Default: the end (new messages only). */
  fromBeginning?: boolean;
  commit?: CommitMode;
  handleBatch(batch: PartitionBatch, context: BatchContext): Promise<void>;
  /**
   * How many partitions are handled at the same time (default 1). Batches of one partition are
   * always handled one after another, in offset order.
   */
  partitionsConcurrently?: number;
  /**
   * Reads messages before they are settled: on the embedded bus once written, before their sync
   * to disk; on Kafka, outputs of a transaction before its commit (read_uncommitted). For
   * readers whose outputs may safely happen again should those messages be taken back (a power
   * cut, an aborted transaction), and which want them without the wait: the assistant.
   */
  readUnsynced?: boolean;
  /**
   * Called after every rebalance with this member's whole assignment, before any batch of the
   * new assignment is handled. Partitions missing from it were taken away.
   */
  onAssignment?(assignment: TopicPartition[]): void | Promise<void>;
}

export interface PartitionLag extends TopicPartition {
  /** Next offset the group will read (committed), or null when nothing was committed yet. */
  committed: string | null;
  /** What the committer stored with that offset. */
  metadata: string | null;
  /** Offset the next produced message will get. */
  end: string;
  lag: number;
}

export interface Subscription {
  readonly group: string;
  /** Stops fetching from every assigned partition (backpressure); `resume` undoes it. */
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

export interface Bus {
  readonly kind: 'kafka' | 'embedded';
  /** Creates the product's topics if missing. Idempotent and safe to run from many processes. */
  ensureTopics(): Promise<void>;
  /** Resolves once every message is acknowledged by the bus (acks=all on Kafka). */
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /**
   * Per partition, the first offset of a message written at or after `timestamp` (epoch ms), or
   * the end when there is none: where to read from to see the last minutes again.
   */
  offsetsAt(topic: string, timestamp: number): Promise<{ partition: number; offset: string }[]>;
  /** Committed offset, end offset and lag of a group on a topic. */
  lag(group: string, topic: string): Promise<PartitionLag[]>;
  /** The offset the next message of each partition will get. */
  endOffsets(topic: string): Promise<{ partition: number; end: string }[]>;
  /** Readiness: resolves when the bus answers. */
  check(): Promise<void>;
  close(): Promise<void>;
}
