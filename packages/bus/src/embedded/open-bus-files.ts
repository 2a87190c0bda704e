import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DirLock } from './dir-lock.js';
import { DiskPartitionLog } from './disk-partition-log.js';
import type { EmbeddedBusOptions } from './embedded-bus.js';
import { syncDir } from './file-io.js';
import { OffsetStore } from './offset-store.js';
import { finishInterrupted } from './transaction.js';

/** The files of a bus on disk, ready to be read. */
export interface BusFiles {
  logs: Map<string, DiskPartitionLog[]>;
  offsets: OffsetStore;
  lock: DirLock;
}

const MIB = 1024 * 1024;
const OFFSETS_FILE = 'offsets.log';
const LOCK_PREFIX = 'bus.lock';

/**
 * Opens the bus folder: takes its lock, reads the committed offsets, recovers every partition
 * (cutting torn tails), then finishes the `commitWith`s a crash interrupted — all before anyone
 * reads. On failure, what was opened is closed and the lock given back.
 */
export async function openBusFiles(
  options: EmbeddedBusOptions & { dir: string },
): Promise<BusFiles> {
  const { dir, logger } = options;
  await mkdir(dir, { recursive: true });
  const lock = await DirLock.acquire(dir);
  const opened: { close(): Promise<void> }[] = [];
  try {
    const fsync = options.fsync ?? true;
    const offsets = await OffsetStore.open({
      path: join(dir, OFFSETS_FILE),
      fsync,
      compactBytes: options.offsetsLogBytes ?? 16 * MIB,
      logger,
    });
    opened.push(offsets);
    const logs = new Map<string, DiskPartitionLog[]>();
    for (const spec of options.topics) {
      checkTopicName(spec.name);
      const retentionMs = options.retentionMs ?? retentionMsOf(spec.config);
      // The bus does not compact: a compacted topic (the latest record per key) is kept whole.
      const compacted = spec.config?.['cleanup.policy']?.includes('compact') ?? false;
      const settled = await Promise.allSettled(
        Array.from({ length: spec.partitions }, (_, partition) =>
          DiskPartitionLog.open({
            dir: join(dir, spec.name, String(partition)),
            topic: spec.name,
            partition,
            firstOffset: options.firstOffset ?? 0,
            fsync,
            segmentBytes: options.segmentBytes ?? 64 * MIB,
            cacheBytes: options.cacheBytes ?? 4 * MIB,
            retention: {
              ...(retentionMs === undefined ? {} : { ms: retentionMs }),
              ...(options.retentionBytes === undefined || compacted
                ? {}
                : { bytes: options.retentionBytes / spec.partitions }),
              ...(options.retentionPerPartition === undefined
                ? {}
                : { count: options.retentionPerPartition }),
            },
            logger,
          }),
        ),
      );
      const topicLogs = settled.flatMap((result) =>
        result.status === 'fulfilled' ? [result.value] : [],
      );
      opened.push(...topicLogs);
      const failed = settled.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
      logs.set(spec.name, topicLogs);
    }
    await syncDir(dir);
    await finishInterrupted(offsets, (topic, partition) => logs.get(topic)?.[partition], logger);
    return { logs, offsets, lock };
  } catch (error) {
    await Promise.allSettled(opened.map((file) => file.close()));
    await lock.release();
    throw error;
  }
}

/** A topic name is a folder name on disk: nothing that could leave `dir` or hit its files. */
function checkTopicName(name: string): void {
  if (
    !/^[A-Za-z0-9._-]+$/.test(name) ||
    name === '.' ||
    name === '..' ||
    name.startsWith(OFFSETS_FILE) ||
    name.startsWith(LOCK_PREFIX)
  )
    throw new Error(`topic name "${name}" cannot be a folder of the embedded bus`);
}

/** A topic's `retention.ms`; undefined when unset or negative (Kafka's "forever"). */
function retentionMsOf(config: Record<string, string> | undefined): number | undefined {
  const value = Number(config?.['retention.ms']);
  return config?.['retention.ms'] !== undefined && Number.isFinite(value) && value >= 0
    ? value
    : undefined;
}
