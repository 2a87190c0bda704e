interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for one file: `round` writes and syncs a batch of items; items submitted while
 * a round runs wait for the next one, which takes all of them at once. Under load many callers
 * share one write and one fdatasync instead of queueing one sync each.
 */
export class GroupCommit<T> {
  private queue: Waiting<T>[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly round: (items: T[]) => Promise<void>) {}

  /** Resolves once `item` went through a round that succeeded; rejects with the round's error. */
  submit(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.running ??= this.drain();
    });
  }

  /**
   * Rejects every item still waiting for a round (not the one running): after a failed write
   * their place in the file is gone. Returns how many there were.
   */
  failQueued(error: unknown): number {
    const failed = this.queue;
    this.queue = [];
    for (const waiting of failed) waiting.reject(error);
    return failed.length;
  }

  /** Resolves once nothing is queued or being written. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.round(batch.map((waiting) => waiting.item));
        for (const waiting of batch) waiting.resolve();
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.running = undefined;
  }
}
