import type { CollectedEvent } from '@sightline/contract';
import type { EventOrigin, EventStore } from '@sightline/ports';

export interface AppendProbe {
  /** Events stored per second, bus batches of every partition appended together. */
  eventsPerS: number;
  /** Each timed round (one batch per partition), ms: the median is the steady append, the max a checkpoint. */
  roundMs: { p50: number; p95: number; max: number };
  /** Milliseconds to rewind one partition by one batch (what a restore forgets). */
  rewindMs: number;
}

/**
 * The store's append rate as the processor uses it: rounds of one bus batch per partition
 * (`partitions` batches of `batchSize` events, with their offsets), appended at once and awaited
 * together. Then one partition rewinds its last batch, as a processor resuming from its last
 * commit would. `events` are prepared beforehand: only the store is timed.
 *
 * The first `warmupRounds` are appended untimed: they pass the store's first automatic checkpoint
 * (about every 16 MiB of WAL, a dozen rounds), which also merges the partly filled row groups the
 * grower or the last run left at the end of the table: a one-off rewrite of a few row groups
 * (seconds on a grown store) that otherwise dominates a probe of a few checkpoints.
 */
export async function probeAppends(
  store: EventStore,
  events: CollectedEvent[],
  options: { partitions: number; batchSize: number; firstOffset: number; warmupRounds?: number },
): Promise<AppendProbe> {
  const { partitions, batchSize } = options;
  const rounds: { events: CollectedEvent[]; origin: EventOrigin }[][] = [];
  const next = new Array<number>(partitions).fill(options.firstOffset);
  for (let at = 0; at + partitions * batchSize <= events.length; at += partitions * batchSize)
    rounds.push(
      Array.from({ length: partitions }, (_, partition) => {
        const batch = events.slice(at + partition * batchSize, at + (partition + 1) * batchSize);
        const offsets = batch.map(() => next[partition]!++);
        return { events: batch, origin: { partition, offsets } };
      }),
    );
  const appendRound = (round: (typeof rounds)[number]) =>
    Promise.all(round.map((batch) => store.append(batch.events, batch.origin)));
  const warmup = Math.min(options.warmupRounds ?? 0, rounds.length - 1);
  for (const round of rounds.slice(0, warmup)) await appendRound(round);
  const timed = rounds.slice(warmup);
  const times: number[] = [];
  const started = performance.now();
  for (const round of timed) {
    const roundStarted = performance.now();
    await appendRound(round);
    times.push(performance.now() - roundStarted);
  }
  const seconds = (performance.now() - started) / 1_000;
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]!);
  const last = rounds.at(-1)![0]!;
  const rewindStarted = performance.now();
  await store.rewind?.(0, last.origin.offsets[0]!);
  return {
    eventsPerS: Math.round((timed.length * partitions * batchSize) / seconds),
    roundMs: { p50: at(0.5), p95: at(0.95), max: Math.round(times.at(-1)!) },
    rewindMs: performance.now() - rewindStarted,
  };
}
