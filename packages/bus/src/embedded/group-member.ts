import type { Logger } from '@sightline/observability';
import type {
  BatchContext,
  IncomingMessage,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
} from '@sightline/ports';
import type { PartitionStore } from './partition-store.js';

const RETRY_DELAY_MS = 500;

/** A consumer group: its members and what it committed per partition. */
export class Group {
  readonly members: Member[] = [];
  readonly committed = new Map<PartitionStore, number>();
  readonly metadata = new Map<PartitionStore, string | null>();
  rebalancing: Promise<void> | undefined;
  /** Whether a member joined in this run (a group only restored from disk has not). */
  joined = false;
  constructor(readonly name: string) {}
}

/** What a member needs from its bus. */
export interface MemberHost {
  leave(member: Member): Promise<void>;
  commit(
    group: Group,
    log: PartitionStore,
    nextOffset: number,
    metadata: string | null,
  ): Promise<void>;
  commitWith(
    group: Group,
    log: PartitionStore,
    outputs: { topic: string; messages: OutgoingMessage[] }[],
    nextOffset: number,
    metadata: string | null,
  ): Promise<void>;
}

/**
 * One subscriber: handles each assigned partition one batch at a time, in offset order, and up to
 * `partitionsConcurrently` partitions at once.
 */
export class Member implements Subscription {
  assignment: PartitionStore[] = [];
  readonly positions = new Map<PartitionStore, number>();
  /** Batches being read or handled now, at most one per partition. */
  private readonly inFlight = new Map<PartitionStore, Promise<void>>();
  private paused = false;
  private closed = false;
  private wakeUp: (() => void) | undefined;
  /** A wake-up that came while the loop was not waiting: the next wait returns at once. */
  private woken = false;
  private loop: Promise<void> | undefined;
  private turn = 0;

  constructor(
    readonly options: SubscribeOptions,
    readonly groupState: Group,
    private readonly host: MemberHost,
    private readonly batch: { count: number; bytes: number },
    private readonly logger: Logger,
  ) {}

  get group(): string {
    return this.options.group;
  }

  /** Resolves when every batch being handled now is done. */
  get busy(): Promise<void> | undefined {
    if (this.inFlight.size === 0) return undefined;
    return Promise.all(this.inFlight.values()).then(() => undefined);
  }

  private get concurrency(): number {
    return Math.max(1, this.options.partitionsConcurrently ?? 1);
  }

  start(): void {
    this.loop = this.run();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wake();
  }

  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.woken = true;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake();
    await this.loop;
    await this.host.leave(this);
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      if (this.groupState.rebalancing) {
        await this.groupState.rebalancing;
        continue;
      }
      const log =
        this.paused || this.inFlight.size >= this.concurrency ? undefined : this.nextReadable();
      if (!log) {
        await this.idle();
        continue;
      }
      const position = this.positions.get(log) ?? this.endOf(log);
      const handled = this.readAndHandle(log, position).finally(() => {
        this.inFlight.delete(log);
        this.wake();
      });
      this.inFlight.set(log, handled);
    }
    await this.busy;
  }

  /** The next assigned partition with unread messages, taking turns between partitions. */
  private nextReadable(): PartitionStore | undefined {
    const count = this.assignment.length;
    for (let i = 0; i < count; i++) {
      const log = this.assignment[(this.turn + i) % count]!;
      const end = this.endOf(log);
      if (!this.inFlight.has(log) && (this.positions.get(log) ?? end) < end) {
        this.turn = (this.turn + i + 1) % count;
        return log;
      }
    }
    return undefined;
  }

  /** Where this member's reading stops: the durable end, or the written one when unsynced. */
  private endOf(log: PartitionStore): number {
    return this.options.readUnsynced ? log.writtenEnd : log.end;
  }

  private idle(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const unsubscribe = this.assignment.map((log) => log.onAppend(() => done()));
      const done = () => {
        for (const stop of unsubscribe) stop();
        this.wakeUp = undefined;
        resolve();
      };
      this.wakeUp = done;
    });
  }

  private async readAndHandle(log: PartitionStore, position: number): Promise<void> {
    let messages: IncomingMessage[];
    try {
      messages = await log.read(
        position,
        this.batch.count,
        this.batch.bytes,
        this.options.readUnsynced,
      );
    } catch (error) {
      this.logger.error(
        { group: this.group, topic: log.topic, partition: log.partition, err: String(error) },
        'reading a batch failed; retrying',
      );
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      return;
    }
    if (messages.length === 0) {
      // Retention removed what this member had not read: go on from what is kept.
      if (position < log.start) this.positions.set(log, log.start);
      // Otherwise nothing readable there yet: wait rather than spin.
      else await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      return;
    }
    await this.handle(log, messages);
  }

  private async handle(log: PartitionStore, messages: IncomingMessage[]): Promise<void> {
    const last = Number(messages[messages.length - 1]!.offset);
    const generation = this.assignment;
    let sought: number | undefined;
    const context: BatchContext = {
      seek: (offset) => {
        sought = Number(offset);
      },
      commit: (nextOffset, metadata) => {
        if (!context.isRunning()) return Promise.reject(new Error('the partition was reassigned'));
        return this.host.commit(this.groupState, log, Number(nextOffset), metadata ?? null);
      },
      commitWith: (outputs, nextOffset, metadata) => {
        if (!context.isRunning()) return Promise.reject(new Error('the partition was reassigned'));
        return this.host.commitWith(
          this.groupState,
          log,
          outputs,
          Number(nextOffset),
          metadata ?? null,
        );
      },
      heartbeat: () => Promise.resolve(),
      isRunning: () => !this.closed && this.assignment === generation,
    };
    try {
      await this.options.handleBatch(
        { topic: log.topic, partition: log.partition, highWatermark: String(log.end), messages },
        context,
      );
      this.positions.set(log, sought ?? last + 1);
      if (sought === undefined && (this.options.commit ?? 'after-batch') === 'after-batch')
        await context.commit(String(last + 1));
    } catch (error) {
      // As on Kafka: the batch is delivered again, after a pause.
      this.logger.error(
        { group: this.group, topic: log.topic, partition: log.partition, err: String(error) },
        'batch handler failed; retrying',
      );
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    }
  }
}
