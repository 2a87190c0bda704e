import { isStoreRefusal } from '@sightline/contract';
import type { EventBatch } from './append-events.js';

/** An append waiting for its statement, or other work kept in order with the appends. */
type Waiting = { resolve: () => void; reject: (error: unknown) => void } & (
  { batch: EventBatch } | { work: () => Promise<void> }
);

type Append = Extract<Waiting, { batch: EventBatch }>;

/** Events per statement at most: a statement's JSON parameter stays a few MiB. */
export const MAX_COALESCED_EVENTS = 20_000;

/**
 * Group commit of appends: those that arrive while a statement is being written go together in
 * the next one. Each statement costs a commit (about 5 ms on a small VM) however few rows it
 * holds, and the processor appends each bus batch of each partition on its own, often a few
 * hundred events: together they are stored 2 to 4 times faster. When the store refuses a
 * combined statement, each append is written alone again, so the refusal reaches the caller
 * whose events it concerns (who then finds the refused event) and the others are stored.
 */
export class AppendCoalescer {
  private waiting: Waiting[] = [];
  private draining = false;

  constructor(
    private readonly write: (batches: EventBatch[]) => Promise<void>,
    private readonly maxEvents = MAX_COALESCED_EVENTS,
  ) {}

  append(batch: EventBatch): Promise<void> {
    return this.enqueue((resolve, reject) => ({ batch, resolve, reject }));
  }

  /** Runs `work` after the appends made before it and before those made after it. */
  inOrder(work: () => Promise<void>): Promise<void> {
    return this.enqueue((resolve, reject) => ({ work, resolve, reject }));
  }

  private enqueue(
    make: (resolve: () => void, reject: (error: unknown) => void) => Waiting,
  ): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.waiting.push(make(resolve, reject)));
    if (!this.draining) void this.drain();
    return done;
  }

  private async drain(): Promise<void> {
    this.draining = true;
    // Appends made in the same turn of the event loop (partitions handled together) join in.
    await Promise.resolve();
    while (this.waiting.length > 0) {
      const first = this.waiting[0]!;
      if ('work' in first) {
        this.waiting.shift();
        await first.work().then(first.resolve, first.reject);
      } else await this.writeGroup(this.nextGroup());
    }
    this.draining = false;
  }

  /** The appends waiting longest, up to the statement's size (one at least, whatever its size). */
  private nextGroup(): Append[] {
    let events = 0;
    let count = 0;
    for (const waiting of this.waiting) {
      if (!('batch' in waiting)) break;
      events += waiting.batch.events.length;
      if (count > 0 && events > this.maxEvents) break;
      count++;
    }
    return this.waiting.splice(0, count) as Append[];
  }

  private async writeGroup(group: Append[]): Promise<void> {
    try {
      await this.write(group.map((waiting) => waiting.batch));
      for (const waiting of group) waiting.resolve();
    } catch (error) {
      if (group.length === 1 || !isStoreRefusal(error)) {
        // An outage: every caller retries its own append.
        for (const waiting of group) waiting.reject(error);
        return;
      }
      for (const waiting of group)
        await this.write([waiting.batch]).then(waiting.resolve, waiting.reject);
    }
  }
}
