import type { BatchContext } from '../bus-port.js';

/** The partition was taken away or the processor is stopping: the work is abandoned. */
export class Abandoned extends Error {
  override readonly name = 'Abandoned';
}

export interface RetryOptions {
  context: BatchContext;
  /** Called after each failure (metrics, logs). */
  onError(error: unknown, attempt: number): void;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

const HEARTBEAT_EVERY_MS = 2_000;

/**
 * Runs `work` until it succeeds: a store that is slow or down holds the partition here (nothing
 * more is read: lag grows, nothing is dropped), with exponential backoff and jitter. Heartbeats
 * keep the group membership meanwhile; losing the partition abandons the work.
 */
export async function retryUntilDone<T>(work: () => Promise<T>, options: RetryOptions): Promise<T> {
  let delay = options.initialDelayMs ?? 200;
  const maxDelay = options.maxDelayMs ?? 5_000;
  for (let attempt = 1; ; attempt++) {
    if (!options.context.isRunning()) throw new Abandoned('partition no longer held');
    try {
      return await work();
    } catch (error) {
      if (error instanceof Abandoned) throw error;
      options.onError(error, attempt);
    }
    const until = Date.now() + delay * (0.5 + Math.random() / 2);
    while (Date.now() < until) {
      if (!options.context.isRunning()) throw new Abandoned('partition no longer held');
      try {
        await options.context.heartbeat();
      } catch {
        // A rebalance is under way: this member must let go.
        throw new Abandoned('group rebalancing');
      }
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(HEARTBEAT_EVERY_MS, until - Date.now())),
      );
    }
    delay = Math.min(delay * 2, maxDelay);
  }
}
