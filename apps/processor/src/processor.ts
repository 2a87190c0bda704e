import {
  Abandoned,
  retryUntilDone,
  type BatchContext,
  type Bus,
  type PartitionBatch,
  type Subscription,
} from '@sightline/ports';
import { TOPIC, topicName } from '@sightline/bus';
import type { ProcessorConfig, RetentionConfig } from '@sightline/config';
import type { ErasureFeed } from '@sightline/config-store';
import type { ErasureRecord, SiteConfig, WindowAggregate } from '@sightline/contract';
import {
  startOpsServer,
  type Logger,
  type OpsServer,
  type Registry,
} from '@sightline/observability';
import type { RawEvent } from './flush/event-letter.js';
import { resultWrites } from './flush/write-results.js';
import { createProcessorMetrics } from './metrics.js';
import { MAX_BUFFERED_EVENTS, PartitionTask } from './partition/partition-task.js';
import { restorePartition } from './partition/restore-partition.js';
import { PartitionWaits } from './partition/partition-waits.js';
import type { ResultStores } from './ports.js';
import { takeIn } from './read/take-in.js';
import { startRetention, type Retention } from './retention/expire-past-retention.js';
import type { RetentionStores } from './retention/ports.js';
import { createRetentionMetrics } from './retention/retention-metrics.js';

export interface ProcessorDeps {
  bus: Bus;
  stores: ResultStores;
  logger: Logger;
  registry: Registry;
  topicPrefix: string;
  settings: ProcessorConfig;
  /** Serve /healthz, /readyz and /metrics here (its own process); leave out when embedded. */
  ops?: { host: string; port: number };
  /** How often the group's lag is read for /metrics. */
  lagEveryMs?: number;
  /** Erased visitors: their state is forgotten and what the bus holds of them skipped. */
  erasures?: ErasureFeed;
  /** Delete what is past each site's retention (the copy holding partition 0 of `events`). */
  retention?: {
    sites: () => readonly SiteConfig[];
    stores: RetentionStores;
    settings: RetentionConfig;
    now?: () => number;
  };
}

export interface Processor {
  /** Port of the ops server, when there is one. */
  opsPort?: number;
  /** Partitions this copy holds now. */
  partitions(): number[];
  /** Deletes what is past retention now (undefined when retention is not run here). */
  sweepRetention?: () => Promise<Record<string, number>>;
  readiness: Record<string, () => Promise<void>>;
  close(): Promise<void>;
}

/** How long close waits for running flushes, then for the bus, before it goes on without them. */
const CLOSE_GRACE_MS = 3_000;

/** Whether `work` settles within `ms` (it goes on either way). */
async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = work.then(
    () => true,
    () => true,
  );
  const result = await Promise.race([settled, timeout]);
  clearTimeout(timer);
  return result;
}

/**
 * The processor: reads `events` as a member of its consumer group and turns each partition it
 * holds into raw events, visits and 10-second windows in the stores, and window messages on
 * `aggregates` for live views.
 */
export async function startProcessor(deps: ProcessorDeps): Promise<Processor> {
  const { bus, stores, logger, settings } = deps;
  const tasks = new Map<number, PartitionTask>();
  /** Counts assignments: work started under an earlier one is abandoned. */
  let generation = 0;
  const metrics = createProcessorMetrics(deps.registry, () =>
    [...tasks].map(([partition, task]) => [partition, task.storedUpTo]),
  );
  const eventsTopic = topicName(deps.topicPrefix, TOPIC.events);
  const aggregatesTopic = topicName(deps.topicPrefix, TOPIC.aggregates);
  let held = new Set<number>();
  /** Where each partition was first read, for a rebuild before anything was committed. */
  const firstRead = new Map<number, number>();
  /** Partitions sent back to their commit, and where: a second time means the log moved on. */
  const soughtTo = new Map<number, number>();
  /** Since when each partition has had work waiting (readiness: a store that stays down stalls). */
  const waits = new PartitionWaits();
  /** Set by close: flushes that retry a failing store give up instead of holding shutdown. */
  let closing = false;

  const writesFor = (
    partition: number,
    result: Parameters<typeof resultWrites>[0],
    raw: RawEvent[],
  ) =>
    resultWrites(result, raw, partition, {
      ...(settings.rawPoints
        ? { writeEventPoints: (events) => stores.metrics.writeEvents(events) }
        : {}),
      writeSessions: (records) => stores.sessions.writeSessions(records),
      writeWindowDocuments: (windows) => stores.windows.writeWindows(windows),
      writeWindowPoints: (windows) => stores.metrics.writeWindows(windows),
      publishWindows: (windows: WindowAggregate[]) =>
        bus.publish(
          aggregatesTopic,
          windows.map((window) => ({ key: window.site, value: JSON.stringify(window) })),
        ),
    });

  /** The task of a partition, rebuilt from its last commit when this process has none. */
  async function taskFor(
    batch: PartitionBatch,
    context: BatchContext,
  ): Promise<PartitionTask | undefined> {
    const existing = tasks.get(batch.partition);
    if (existing) return existing;
    const lag = await retryUntilDone(() => bus.lag(deps.settings.group, eventsTopic), {
      context,
      onError: (error) =>
        logger.warn({ err: String(error) }, 'reading the committed offset failed; retrying'),
    });
    const entry = lag.find((p) => p.partition === batch.partition);
    const committed =
      entry?.committed == null
        ? null
        : { offset: Number(entry.committed), metadata: entry.metadata };
    const first = Number(batch.messages[0]!.offset);
    const from = committed?.offset ?? firstRead.get(batch.partition) ?? first;
    if (!firstRead.has(batch.partition)) firstRead.set(batch.partition, first);
    if (first > from && soughtTo.get(batch.partition) !== from) {
      // This batch starts past the last commit (state was dropped mid-way): read from the commit.
      soughtTo.set(batch.partition, from);
      context.seek(String(from));
      return undefined;
    }
    soughtTo.delete(batch.partition);
    if (first > from)
      // Sought there, yet the log starts later: retention dropped what was never committed.
      logger.error(
        { partition: batch.partition, committed: from, firstAvailable: first },
        'messages after the last commit are gone from the log; resuming from the first available',
      );
    // A store that keeps no index of ids forgets what the replay from here appends again.
    const { events } = stores;
    if (events.rewind)
      await retryUntilDone(() => events.rewind!(batch.partition, first), {
        context,
        onError: (error) =>
          logger.warn({ err: String(error) }, 'rewinding raw events failed; retrying'),
      });
    const state = await retryUntilDone(
      () => restorePartition({ partition: batch.partition, committed, stores, settings, logger }),
      {
        context,
        onError: (error) =>
          logger.warn({ err: String(error) }, 'restoring visits failed; retrying'),
      },
    );
    const task = new PartitionTask(batch.partition, state, {
      metrics,
      logger,
      writesFor: (result, raw) => writesFor(batch.partition, result, raw),
      writeLetters: (letters) => stores.deadLetters.write(letters),
      stored: (at, pending) => waits.stored(batch.partition, pending, at),
    });
    tasks.set(batch.partition, task);
    return task;
  }

  /** Whatever a failed task holds past its last commit is gone: the next batch rebuilds it. */
  function dropTask(partition: number, task: PartitionTask | undefined, error: unknown): void {
    if (task && tasks.get(partition) !== task) return; // already replaced
    tasks.delete(partition);
    void task?.stop();
    if (error instanceof Abandoned)
      logger.info({ partition, reason: error.message }, 'partition work abandoned');
    else logger.error({ partition, err: String(error) }, 'partition work failed; rebuilding');
  }

  async function handleBatch(batch: PartitionBatch, batchContext: BatchContext): Promise<void> {
    // Flushes outlive their batch: they stop at the next assignment, whatever the bus says.
    const assigned = generation;
    const context: BatchContext = {
      ...batchContext,
      isRunning: () => !closing && assigned === generation && batchContext.isRunning(),
    };
    let task: PartitionTask | undefined;
    let takenIn = false;
    waits.batchStarted(batch.partition);
    try {
      task = await taskFor(batch, context);
      if (!task) return;
      const taken = await takeIn(batch, context, {
        stores,
        metrics,
        logger,
        ...(deps.erasures ? { erasedAt: deps.erasures.erasedAt } : {}),
      });
      task.setAside(taken.letters);
      for (const message of taken.messages) task.read(message);
      const last = BigInt(batch.messages.at(-1)!.offset);
      const caughtUp = last + 1n >= BigInt(batch.highWatermark);
      const current = task;
      const failed = (error: unknown) => dropTask(batch.partition, current, error);
      if (task.buffered >= MAX_BUFFERED_EVENTS) {
        // The stores are behind: read no more until they have taken what is held.
        await task.flushSoon(context);
      } else if (task.msSinceFlush >= (caughtUp ? settings.liveFlushMs : settings.flushMs)) {
        // Written while the next batches are read.
        task.flushSoon(context).catch(failed);
      } else if (caughtUp) {
        // Nothing more to read now: show it soon, no more often than the live interval.
        task.flushAfter(settings.liveFlushMs - task.msSinceFlush, context, failed);
      }
      takenIn = true;
    } catch (error) {
      dropTask(batch.partition, task, error);
      if (!(error instanceof Abandoned)) throw error;
    } finally {
      // A batch not taken in is handed again: it still waits.
      waits.batchEnded(batch.partition, !takenIn || task?.pending === true);
    }
  }

  const subscription: Subscription = await bus.subscribe({
    topics: [eventsTopic],
    group: settings.group,
    fromBeginning: true,
    commit: 'manual',
    partitionsConcurrently: settings.concurrency,
    onAssignment(assignment) {
      // A new assignment restarts every partition from its commit (Kafka rereads from there).
      held = new Set(assignment.filter((tp) => tp.topic === eventsTopic).map((tp) => tp.partition));
      generation++;
      for (const task of tasks.values()) void task.stop();
      tasks.clear();
      waits.held(held);
      for (const gauge of [metrics.openWindows, metrics.openSessions]) gauge.reset();
      logger.info({ partitions: [...held] }, 'partitions assigned');
    },
    handleBatch,
  });

  /**
   * The partitions that held an erased visitor forget them, and once the flush under way is
   * written (it may carry their visit), delete what it wrote of them: the admin app deleted
   * the rest before.
   */
  async function forgetErased(erasure: ErasureRecord): Promise<void> {
    const keys = new Set(erasure.visitors.map((visitor) => `${erasure.site}:${visitor}`));
    const holding = [...tasks.values()].filter((task) => task.forget(keys));
    if (holding.length === 0) return;
    await Promise.all(holding.map((task) => task.idle()));
    for (const store of [stores.sessions, stores.events])
      await store.erase(erasure.site, erasure.visitors);
    logger.info(
      { site: erasure.site, partitions: holding.map((t) => t.partition) },
      'erased visitors forgotten',
    );
  }
  const stopErasures = deps.erasures?.onErasure((erasure) => {
    forgetErased(erasure).catch((error: unknown) =>
      logger.error(
        { err: String(error), erasure: erasure.id },
        'forgetting erased visitors failed',
      ),
    );
  });

  const readLag = async () => {
    try {
      const lag = await bus.lag(settings.group, eventsTopic);
      for (const partition of lag)
        metrics.lag.set({ partition: String(partition.partition) }, partition.lag);
    } catch (error) {
      logger.debug({ err: String(error) }, 'reading lag failed');
    }
  };
  await readLag();
  const lagTimer = setInterval(() => void readLag(), deps.lagEveryMs ?? 5_000);
  lagTimer.unref();

  // Ids older than the dedupe scope are dropped a generation at a time.
  const expireIds = () =>
    stores.dedupe
      .expire(Date.now())
      .catch((error: unknown) =>
        logger.warn({ err: String(error) }, 'dropping old event ids failed; will try again'),
      );
  void expireIds();
  const expireTimer = setInterval(() => void expireIds(), 3_600_000);
  expireTimer.unref();

  let retention: Retention | undefined;
  if (deps.retention)
    retention = startRetention({
      ...deps.retention,
      logger: logger.child({ part: 'retention' }),
      metrics: createRetentionMetrics(deps.registry),
      // One copy sweeps: the one holding the first partition (every partition has a holder).
      leading: () => held.has(0),
    });

  const readiness: Record<string, () => Promise<void>> = {
    bus: () => bus.check(),
    ...stores.checks,
    partitions: () => {
      const stalled = waits.stalled(settings.stallMs);
      if (stalled.length === 0) return Promise.resolve();
      return Promise.reject(
        new Error(
          `partitions ${stalled.map((s) => `${s.partition} (${Math.round(s.forMs / 1_000)} s)`).join(', ')} stored nothing while events wait (see sightline_processor_store_errors_total)`,
        ),
      );
    },
  };
  let ops: OpsServer | undefined;
  if (deps.ops) ops = await startOpsServer({ ...deps.ops, registry: deps.registry, readiness });

  return {
    ...(ops ? { opsPort: ops.port } : {}),
    partitions: () => [...held].sort((a, b) => a - b),
    ...(retention ? { sweepRetention: retention.sweep } : {}),
    readiness,
    async close() {
      stopErasures?.();
      retention?.close();
      clearInterval(lagTimer);
      clearInterval(expireTimer);
      // Let flushes under way finish (their commits need the membership), then leave. A flush
      // held by a store that fails or hangs is let go after a grace: what it held was not
      // committed, so it is read again at the next start — nothing is lost by not waiting.
      const stopped = Promise.all([...tasks.values()].map((task) => task.stop()));
      if (!(await within(stopped, CLOSE_GRACE_MS)))
        logger.warn(
          { partitions: [...tasks.keys()] },
          'writes still running at shutdown; their events will be read again at the next start',
        );
      closing = true;
      if (!(await within(subscription.close(), CLOSE_GRACE_MS)))
        logger.warn('the bus did not let go in time; stopping without waiting for it');
      await ops?.close();
    },
  };
}
