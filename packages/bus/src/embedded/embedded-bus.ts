import type { Logger } from '@sightline/observability';
import type {
  Bus,
  OutgoingMessage,
  PartitionLag,
  SubscribeOptions,
  Subscription,
  TopicPartition,
} from '@sightline/ports';
import { BusOverloadedError } from '../errors.js';
import type { TopicSpec } from '../topics.js';
import type { DiskPartitionLog } from './disk-partition-log.js';
import { Group, Member, type MemberHost } from './group-member.js';
import type { DecidedMessage, OffsetStore } from './offset-store.js';
import { openBusFiles, type BusFiles } from './open-bus-files.js';
import { PartitionLog, partitionFor, sizeOf } from './partition-log.js';
import type { PartitionStore } from './partition-store.js';
import { commitTransaction } from './transaction.js';

export interface EmbeddedBusOptions {
  /** Topics and their partitions; on disk, `config['retention.ms']` is each one's time retention. */
  topics: (Pick<TopicSpec, 'name' | 'partitions'> & Partial<Pick<TopicSpec, 'config'>>)[];
  logger: Logger;
  /**
   * Folder of the durable bus (`EmbeddedBus.open`): segment files per topic partition, the
   * committed offsets and a lock. Unset: everything lives in memory.
   */
  dir?: string;
  /**
   * On disk: fdatasync before a publish or commit resolves (default true), so what was
   * acknowledged survives a power loss. False: it resolves once written to the operating
   * system, which survives kill -9 but not a power loss.
   */
  fsync?: boolean;
  /** On disk: a segment file past this size is closed and a new one begun (default 64 MiB). */
  segmentBytes?: number;
  /**
   * On disk: bytes a topic may keep, shared evenly by its partitions; the oldest segments go past
   * it, even unread ones (with an error). Default: no limit.
   */
  retentionBytes?: number;
  /** On disk: bytes of the newest messages kept in memory per partition (default 4 MiB). */
  cacheBytes?: number;
  /** On disk: the committed offsets log is rewritten as a snapshot past this size (default 16 MiB). */
  offsetsLogBytes?: number;
  /**
   * Messages kept per partition at most; older ones are dropped. In memory 200,000 by default;
   * on disk only when given (whole segments go).
   */
  retentionPerPartition?: number;
  /**
   * How long a message is kept once every consumer group has committed past it (what a
   * consumer may read again, e.g. to rebuild state from the last minutes). In memory, unset:
   * messages are dropped only by count (`retentionPerPartition`). On disk it overrides each
   * topic's `retention.ms`; whole segments go once their newest message is that old.
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
  /** Bytes handed to a handler at once, at least one message (default: no bound in memory, 4 MiB on disk). */
  batchBytes?: number;
  /**
   * Offset of the first message of every partition (default 0). A process that starts again
   * with data from an earlier run picks one above that run's offsets, so nothing derived from an
   * offset (visit ids) repeats. On disk it applies to partitions created now; existing ones go
   * on from their last offset.
   */
  firstOffset?: number;
  /**
   * On disk: how long after the bus opens a group that committed before, and has not joined
   * since, still holds its messages from retention (its app subscribing again after a restart).
   * Past it, a group nobody joined is taken as retired — an app that no longer reads the topic —
   * as Kafka expires the offsets of groups left empty. Default 10 minutes.
   */
  absentGroupHoldMs?: number;
}

const MIB = 1024 * 1024;
const ABSENT_GROUP_HOLD_MS = 10 * 60_000;

/**
 * The Bus inside one process, for the embedded mode: same partitioning by key, consumer groups
 * that share partitions, committed offsets and rebalances between batches — without a server.
 * Built with `new`, messages live in memory; opened with `EmbeddedBus.open({ dir })`, the bus is
 * a store of record on disk: a publish or commit resolves once durable, and a restart finds
 * every acknowledged message and committed offset again (see docs/architecture.md).
 */
export class EmbeddedBus implements Bus, MemberHost {
  readonly kind = 'embedded' as const;
  private readonly topics = new Map<string, PartitionStore[]>();
  private readonly groups = new Map<string, Group>();
  private readonly files: BusFiles | undefined;
  private closed = false;
  private readonly openedAt = Date.now();
  private closing: Promise<void> | undefined;

  /**
   * The in-memory bus. `files` is for `EmbeddedBus.open`, which opens the durable one.
   */
  constructor(
    private readonly options: EmbeddedBusOptions,
    files?: BusFiles,
  ) {
    if (options.dir !== undefined && !files)
      throw new Error('a bus on disk is opened with `await EmbeddedBus.open(options)`');
    this.files = files;
    if (files) {
      for (const [topic, logs] of files.logs) this.topics.set(topic, logs);
      this.restoreGroups(files.offsets);
    } else for (const spec of options.topics) this.createTopic(spec.name, spec.partitions);
  }

  /**
   * Opens the bus: on disk under `options.dir` (taking its lock, recovering every partition
   * and finishing interrupted `commitWith`s before anyone reads), or in memory without `dir`.
   */
  static async open(options: EmbeddedBusOptions): Promise<EmbeddedBus> {
    const dir = options.dir;
    if (dir === undefined) return new EmbeddedBus(options);
    const files = await openBusFiles({ ...options, dir });
    const bus = new EmbeddedBus(options, files);
    const now = Date.now();
    for (const logs of files.logs.values()) for (const log of logs) bus.expire(log, now);
    return bus;
  }

  ensureTopics(): Promise<void> {
    return Promise.resolve();
  }

  publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (this.files && this.closed) return Promise.reject(new Error('the embedded bus is closed'));
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
    const byPartition = new Map<number, OutgoingMessage[]>();
    messages.forEach((message, i) => {
      const batch = byPartition.get(targets[i]!);
      if (batch) batch.push(message);
      else byPartition.set(targets[i]!, [message]);
    });
    const appended = [...byPartition].map(([partition, batch]) =>
      logs[partition]!.append(batch, now),
    );
    for (const partition of byPartition.keys()) this.expire(logs[partition]!, now);
    return Promise.all(appended).then(() => undefined);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.files && this.closed) throw new Error('the embedded bus is closed');
    for (const topic of options.topics) this.logsOf(topic);
    const group = this.groupNamed(options.group);
    const member = new Member(
      options,
      group,
      this,
      {
        count: this.options.batchSize ?? 500,
        bytes: this.options.batchBytes ?? (this.files ? 4 * MIB : Infinity),
      },
      this.options.logger,
    );
    group.members.push(member);
    group.joined = true;
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

  async offsetsAt(
    topic: string,
    timestamp: number,
  ): Promise<{ partition: number; offset: string }[]> {
    if (!this.topics.has(topic)) throw new Error(`unknown topic "${topic}"`);
    return Promise.all(
      this.logsOf(topic).map(async (log) => ({
        partition: log.partition,
        offset: String(await log.offsetAt(timestamp)),
      })),
    );
  }

  endOffsets(topic: string): Promise<{ partition: number; end: string }[]> {
    return Promise.resolve(
      this.logsOf(topic).map((log) => ({ partition: log.partition, end: String(log.end) })),
    );
  }

  check(): Promise<void> {
    if (this.files) {
      if (this.closed) return Promise.reject(new Error('the embedded bus is closed'));
      for (const logs of this.files.logs.values())
        for (const log of logs)
          if (log.failure)
            return Promise.reject(
              new Error(`partition ${log.partition} of "${log.topic}" cannot be written`, {
                cause: log.failure,
              }),
            );
    }
    return Promise.resolve();
  }

  /**
   * Stops every subscription; on disk then writes and syncs what is pending, closes the files
   * and gives up the folder. Nothing is written after.
   */
  close(): Promise<void> {
    if (!this.files) return this.closeMembers();
    const files = this.files;
    this.closing ??= (async () => {
      this.closed = true;
      await this.closeMembers();
      await Promise.all([...files.logs.values()].flat().map((log) => log.close()));
      await files.offsets.close();
      await files.lock.release();
    })();
    return this.closing;
  }

  private async closeMembers(): Promise<void> {
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

  /** Records a group's offset: at once in memory, once synced on disk. */
  commit(group: Group, log: PartitionStore, nextOffset: number, metadata: string | null) {
    if (!this.files) {
      group.committed.set(log, nextOffset);
      group.metadata.set(log, metadata);
      return Promise.resolve();
    }
    return this.files.offsets
      .commit({
        group: group.name,
        topic: log.topic,
        partition: log.partition,
        offset: nextOffset,
        metadata,
      })
      .then(() => {
        group.committed.set(log, nextOffset);
        group.metadata.set(log, metadata);
      });
  }

  /** Publishes `outputs` and commits `nextOffset` as one step (see transaction.ts on disk). */
  async commitWith(
    group: Group,
    log: PartitionStore,
    outputs: { topic: string; messages: OutgoingMessage[] }[],
    nextOffset: number,
    metadata: string | null,
  ): Promise<void> {
    const now = Date.now();
    // Every target is checked before anything takes effect. Outputs are not held back by the
    // backlog bound: the input they come from was already taken in.
    const decided = new Map<PartitionStore, DecidedMessage[]>();
    for (const output of outputs) {
      const logs = this.logsOf(output.topic);
      for (const message of output.messages) {
        const partition = message.partition ?? partitionFor(message.key, logs.length);
        const target = logs[partition];
        if (!target) throw new Error(`topic "${output.topic}" has no partition ${partition}`);
        const batch = decided.get(target) ?? [];
        batch.push({
          key: message.key,
          value: typeof message.value === 'string' ? Buffer.from(message.value) : message.value,
          headers: { ...message.headers },
          timestamp: message.timestamp ?? now,
        });
        decided.set(target, batch);
      }
    }
    if (!this.files || decided.size === 0) {
      // In memory both take effect before anything else can run in this process: atomic.
      const appended = [...decided].map(([target, messages]) => target.append(messages, now));
      const committed = this.commit(group, log, nextOffset, metadata);
      for (const target of decided.keys()) this.expire(target, now);
      await Promise.all([...appended, committed]);
      return;
    }
    await commitTransaction(
      this.files.offsets,
      {
        group: group.name,
        topic: log.topic,
        partition: log.partition,
        offset: nextOffset,
        metadata,
      },
      [...decided].map(([target, messages]) => ({
        log: target as DiskPartitionLog,
        messages,
      })),
      () => {
        group.committed.set(log, nextOffset);
        group.metadata.set(log, metadata);
      },
      this.options.logger,
    );
    for (const target of decided.keys()) this.expire(target, Date.now());
  }

  /** Groups with offsets on disk get them back: lag and the next rebalance start from them. */
  private restoreGroups(offsets: OffsetStore): void {
    for (const committed of offsets.offsets) {
      const log = this.topics.get(committed.topic)?.[committed.partition];
      if (!log) continue;
      const group = this.groupNamed(committed.group);
      group.committed.set(log, committed.offset);
      group.metadata.set(log, committed.metadata);
    }
  }

  /**
   * A group's commit, never past the partition's end: a group reading unsynced messages may have
   * committed past what a power cut left, and then reads on from the end.
   */
  private committedWithin(group: Group, log: PartitionStore): number | undefined {
    const committed = group.committed.get(log);
    if (committed === undefined || committed <= log.writtenEnd) return committed;
    this.options.logger.warn(
      { group: group.name, topic: log.topic, partition: log.partition, committed, end: log.end },
      'embedded bus: a group committed past the end of a partition (lost with the last writes); it reads on from the end',
    );
    return log.writtenEnd;
  }

  private groupNamed(name: string): Group {
    let group = this.groups.get(name);
    if (!group) {
      group = new Group(name);
      this.groups.set(name, group);
    }
    return group;
  }

  /**
   * The first target partition that this publish would take past its share of the backlog
   * limit. All or none of a publish is taken; a partition with nothing unread takes any batch.
   */
  private overfullPartition(
    logs: PartitionStore[],
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

  /** Applies retention to `log` when due (cheap to ask: runs after every publish). */
  private expire(log: PartitionStore, now: number): void {
    if (log.retentionDue(now)) log.applyRetention(now, this.keepFrom(log));
  }

  /**
   * The first offset of `log` some committing group still needs: its commit, or the start when a
   * reading group has none. On disk a group's commit holds messages even while none of its
   * members runs (after a restart, before the app subscribes again).
   */
  private keepFrom(log: PartitionStore): number {
    let keepFrom = log.end;
    for (const group of this.groups.values()) {
      const committed = group.committed.get(log);
      const reading = group.members.some(
        (m) => m.options.commit !== 'none' && m.options.topics.includes(log.topic),
      );
      if (reading) keepFrom = Math.min(keepFrom, committed ?? log.start);
      else if (this.files && committed !== undefined && this.mayReturn(group))
        keepFrom = Math.min(keepFrom, committed);
    }
    return keepFrom;
  }

  /** Whether a group without members now may still come back for what it committed. */
  private mayReturn(group: Group): boolean {
    const hold = this.options.absentGroupHoldMs ?? ABSENT_GROUP_HOLD_MS;
    return group.joined || Date.now() - this.openedAt < hold;
  }

  /**
   * Bytes of `log` the slowest consumer group (broadcast readers aside) has neither read nor
   * committed: a group reading again what it committed (the chatbot rebuilding its scores after
   * a restart) is not behind.
   */
  private unreadBytes(log: PartitionStore): number {
    let slowest = log.end;
    for (const group of this.groups.values()) {
      const committed = group.committed.get(log);
      for (const member of group.members) {
        if (member.options.commit === 'none') continue;
        const position = member.positions.get(log);
        if (position !== undefined)
          slowest = Math.min(slowest, Math.max(position, committed ?? position));
      }
    }
    return log.bytesFrom(slowest);
  }

  private createTopic(name: string, partitions: number): PartitionStore[] {
    const retention = this.options.retentionPerPartition ?? 200_000;
    const logs = Array.from(
      { length: partitions },
      (_, p) =>
        new PartitionLog(
          name,
          p,
          retention,
          this.options.firstOffset ?? 0,
          this.options.retentionMs,
        ),
    );
    this.topics.set(name, logs);
    return logs;
  }

  private logsOf(topic: string): PartitionStore[] {
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
      const assignments = new Map<Member, PartitionStore[]>(group.members.map((m) => [m, []]));
      logs.forEach((log, i) => {
        const member = group.members[i % group.members.length];
        if (member) assignments.get(member)!.push(log);
      });
      await Promise.all(
        [...assignments].map(async ([member, assigned]) => {
          member.assignment = assigned;
          member.positions.clear();
          const starts: Promise<void>[] = [];
          for (const log of assigned) {
            const committed = this.committedWithin(group, log);
            const start = committed ?? (member.options.fromBeginning ? log.start : log.end);
            member.positions.set(log, start);
            // A group's first start position is committed on disk at once: otherwise a crash
            // before its first commit there would restart it at the end of then, past messages
            // appended meanwhile that it never read.
            if (committed === undefined && this.files && member.options.commit !== 'none')
              starts.push(this.commit(group, log, start, null));
          }
          await Promise.all(starts);
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
