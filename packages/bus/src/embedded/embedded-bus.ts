import type { Logger } from '@sightline/observability';
import type {
  BatchContext,
  Bus,
  OutgoingMessage,
  PartitionLag,
  SubscribeOptions,
  Subscription,
  TopicPartition,
} from '../port.js';
import { BusOverloadedError } from '../errors.js';
import type { TopicSpec } from '../topics.js';
import { PartitionLog, partitionFor, sizeOf } from './partition-log.js';

export interface EmbeddedBusOptions {
  topics: Pick<TopicSpec, 'name' | 'partitions'>[];
  logger: Logger;
  /** Messages kept per partition at most; older ones are dropped. */
  retentionPerPartition?: number;
  /**
   * How long a message is kept once every consumer group has committed past it (what a
   * consumer may read again, e.g. to rebuild state from the last minutes). Unset: messages are
   * dropped only by count (`retentionPerPartition`).
   */
  retentionMs?: number;
  /**
   * Bytes of messages a topic may hold that a consumer group has not read yet, shared evenly by
   * its partitions. Past it, `publish` refuses with BusOverloadedError (ingest answers 503 and
   * senders retry) instead of the process buffering without bound. Default: no limit.
   */
  backlogBytes?: number;
  /** Messages handed to a handler at once. */
  batchSize?: number;
  /**
   * Offset of the first message of every partition (default 0). A process that starts again
   * with data from an earlier run picks one above that run's offsets, so nothing derived from an
   * offset (visit ids) repeats.
   */
  firstOffset?: number;
}

const RETRY_DELAY_MS = 500;

class Group {
  readonly members: Member[] = [];
  readonly committed = new Map<PartitionLog, number>();
  readonly metadata = new Map<PartitionLog, string | null>();
  rebalancing: Promise<void> | undefined;
  constructor(readonly name: string) {}
}

/**
 * One subscriber: handles each assigned partition one batch at a time, in offset order, and up to
 * `partitionsConcurrently` partitions at once.
 */
class Member implements Subscription {
  assignment: PartitionLog[] = [];
  readonly positions = new Map<PartitionLog, number>();
  /** Batches being handled now, at most one per partition. */
  private readonly inFlight = new Map<PartitionLog, Promise<void>>();
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
    private readonly bus: EmbeddedBus,
    private readonly batchSize: number,
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
    await this.bus.leave(this);
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
      const position = this.positions.get(log) ?? log.end;
      const messages = log.read(position, this.batchSize);
      const handled = this.handle(log, messages).finally(() => {
        this.inFlight.delete(log);
        this.wake();
      });
      this.inFlight.set(log, handled);
    }
    await this.busy;
  }

  /** The next assigned partition with unread messages, taking turns between partitions. */
  private nextReadable(): PartitionLog | undefined {
    const count = this.assignment.length;
    for (let i = 0; i < count; i++) {
      const log = this.assignment[(this.turn + i) % count]!;
      if (!this.inFlight.has(log) && (this.positions.get(log) ?? log.end) < log.end) {
        this.turn = (this.turn + i + 1) % count;
        return log;
      }
    }
    return undefined;
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

  private async handle(
    log: PartitionLog,
    messages: ReturnType<PartitionLog['read']>,
  ): Promise<void> {
    const last = Number(messages[messages.length - 1]!.offset);
    const generation = this.assignment;
    let sought: number | undefined;
    const context: BatchContext = {
      seek: (offset) => {
        sought = Number(offset);
      },
      commit: (nextOffset, metadata) => {
        if (!context.isRunning()) return Promise.reject(new Error('the partition was reassigned'));
        this.groupState.committed.set(log, Number(nextOffset));
        this.groupState.metadata.set(log, metadata ?? null);
        return Promise.resolve();
      },
      commitWith: async (outputs, nextOffset, metadata) => {
        if (!context.isRunning()) throw new Error('the partition was reassigned');
        // Both take effect before anything else can run in this process: atomic.
        const published = outputs.map((output) => this.bus.publish(output.topic, output.messages));
        const committed = context.commit(nextOffset, metadata);
        await Promise.all([...published, committed]);
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

/**
 * The Bus inside one process, for the embedded mode: same partitioning by key, consumer groups
 * that share partitions, committed offsets and rebalances between batches — without a server.
 * Messages live in memory; what must survive a restart is what consumers made durable.
 */
export class EmbeddedBus implements Bus {
  readonly kind = 'embedded' as const;
  private readonly topics = new Map<string, PartitionLog[]>();
  private readonly groups = new Map<string, Group>();

  constructor(private readonly options: EmbeddedBusOptions) {
    for (const spec of options.topics) this.createTopic(spec.name, spec.partitions);
  }

  ensureTopics(): Promise<void> {
    return Promise.resolve();
  }

  publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    const logs = this.topics.get(topic);
    if (!logs) return Promise.reject(new Error(`unknown topic "${topic}"`));
    const now = Date.now();
    const targets = messages.map((m) => m.partition ?? partitionFor(m.key, logs.length));
    const missing = targets.find((partition) => !logs[partition]);
    if (missing !== undefined)
      return Promise.reject(new Error(`topic "${topic}" has no partition ${missing}`));
    const full = this.overfullPartition(logs, messages, targets);
    if (full)
      return Promise.reject(
        new BusOverloadedError(
          `partition ${full.partition} of "${topic}" holds ${full.backlog} unread bytes`,
        ),
      );
    messages.forEach((message, i) => logs[targets[i]!]!.append(message, now));
    for (const partition of new Set(targets)) this.expire(logs[partition]!, now);
    return Promise.resolve();
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    for (const topic of options.topics) this.logsOf(topic);
    let group = this.groups.get(options.group);
    if (!group) {
      group = new Group(options.group);
      this.groups.set(options.group, group);
    }
    const member = new Member(
      options,
      group,
      this,
      this.options.batchSize ?? 500,
      this.options.logger,
    );
    group.members.push(member);
    await this.rebalance(group);
    member.start();
    return member;
  }

  lag(group: string, topic: string): Promise<PartitionLag[]> {
    const committed = this.groups.get(group)?.committed;
    return Promise.resolve(
      this.logsOf(topic).map((log) => {
        const offset = committed?.get(log);
        return {
          topic,
          partition: log.partition,
          committed: offset === undefined ? null : String(offset),
          metadata: this.groups.get(group)?.metadata.get(log) ?? null,
          end: String(log.end),
          lag: log.end - (offset ?? log.start),
        };
      }),
    );
  }

  offsetsAt(topic: string, timestamp: number): Promise<{ partition: number; offset: string }[]> {
    if (!this.topics.has(topic)) return Promise.reject(new Error(`unknown topic "${topic}"`));
    return Promise.resolve(
      this.logsOf(topic).map((log) => ({
        partition: log.partition,
        offset: String(log.offsetAt(timestamp)),
      })),
    );
  }

  endOffsets(topic: string): Promise<{ partition: number; end: string }[]> {
    return Promise.resolve(
      this.logsOf(topic).map((log) => ({ partition: log.partition, end: String(log.end) })),
    );
  }

  check(): Promise<void> {
    return Promise.resolve();
  }

  async close(): Promise<void> {
    const members = [...this.groups.values()].flatMap((group) => group.members);
    await Promise.all(members.map((member) => member.close()));
  }

  /** Called by a member that closes: its partitions go to the others. */
  async leave(member: Member): Promise<void> {
    const group = member.groupState;
    const index = group.members.indexOf(member);
    if (index >= 0) group.members.splice(index, 1);
    await this.rebalance(group);
  }

  /**
   * The first target partition that this publish would take past its share of the backlog
   * limit. All or none of a publish is taken; a partition with nothing unread takes any batch.
   */
  private overfullPartition(
    logs: PartitionLog[],
    messages: OutgoingMessage[],
    targets: number[],
  ): { partition: number; backlog: number } | undefined {
    if (this.options.backlogBytes === undefined) return undefined;
    const limit = this.options.backlogBytes / logs.length;
    const adding = new Map<number, number>();
    targets.forEach((target, i) =>
      adding.set(target, (adding.get(target) ?? 0) + sizeOf(messages[i]!)),
    );
    for (const [partition, bytes] of adding) {
      const backlog = this.unreadBytes(logs[partition]!);
      if (backlog > 0 && backlog + bytes > limit) return { partition, backlog };
    }
    return undefined;
  }

  /**
   * Drops what is past its time and committed by every group, in chunks of a tenth of the
   * retention time so that trimming stays cheap.
   */
  private expire(log: PartitionLog, now: number): void {
    const keepMs = this.options.retentionMs;
    const oldest = log.oldestTimestamp;
    if (keepMs === undefined || oldest === undefined || oldest >= now - keepMs * 1.1) return;
    let keepFrom = log.end;
    for (const group of this.groups.values()) {
      const readers = group.members.filter((m) => m.options.topics.includes(log.topic));
      if (readers.length === 0 || readers.every((m) => m.options.commit === 'none')) continue;
      keepFrom = Math.min(keepFrom, group.committed.get(log) ?? log.start);
    }
    log.trimOlderThan(now - keepMs, keepFrom);
  }

  /** Bytes of `log` the slowest consumer group (broadcast readers aside) has not read. */
  private unreadBytes(log: PartitionLog): number {
    let slowest = log.end;
    for (const group of this.groups.values()) {
      for (const member of group.members) {
        if (member.options.commit === 'none') continue;
        const position = member.positions.get(log);
        if (position !== undefined) slowest = Math.min(slowest, position);
      }
    }
    return log.bytesFrom(slowest);
  }

  private createTopic(name: string, partitions: number): PartitionLog[] {
    const retention = this.options.retentionPerPartition ?? 200_000;
    const logs = Array.from(
      { length: partitions },
      (_, p) => new PartitionLog(name, p, retention, this.options.firstOffset ?? 0),
    );
    this.topics.set(name, logs);
    return logs;
  }

  private logsOf(topic: string): PartitionLog[] {
    const logs = this.topics.get(topic);
    if (!logs) throw new Error(`unknown topic "${topic}"`);
    return logs;
  }

  /**
   * Waits for in-flight batches, then shares the partitions round-robin between members, each
   * restarting from the group's committed offset — as a Kafka rebalance does.
   */
  private async rebalance(group: Group): Promise<void> {
    const previous = group.rebalancing;
    const current = (async () => {
      await previous;
      await Promise.all(group.members.map((member) => member.busy ?? Promise.resolve()));
      const logs = [...new Set(group.members.flatMap((m) => m.options.topics))].flatMap((topic) =>
        this.logsOf(topic),
      );
      const assignments = new Map<Member, PartitionLog[]>(group.members.map((m) => [m, []]));
      logs.forEach((log, i) => {
        const member = group.members[i % group.members.length];
        if (member) assignments.get(member)!.push(log);
      });
      await Promise.all(
        [...assignments].map(async ([member, assigned]) => {
          member.assignment = assigned;
          member.positions.clear();
          for (const log of assigned) {
            const committed = group.committed.get(log);
            member.positions.set(
              log,
              committed ?? (member.options.fromBeginning ? log.start : log.end),
            );
          }
          const assignment: TopicPartition[] = assigned.map((log) => ({
            topic: log.topic,
            partition: log.partition,
          }));
          await member.options.onAssignment?.(assignment);
        }),
      );
    })();
    group.rebalancing = current;
    try {
      await current;
    } finally {
      if (group.rebalancing === current) group.rebalancing = undefined;
      for (const member of group.members) member.wake();
    }
  }
}
