import { type Bus, type Subscription } from '@sightline/ports';
import { broadcastGroup } from '@sightline/bus';
import { readJsonMessage } from '@sightline/contract';
import type { Logger } from '@sightline/observability';
import type { z } from 'zod';

type Listener<T> = (item: T) => void;

/**
 * A topic read by every copy of the web app (a group of its own, nothing committed, from the
 * end), fanned out to the dashboards open on each site. The last few minutes are kept, so a
 * dashboard opened now shows them at once instead of an empty chart.
 */
export class LiveFeed<T extends { site: string }> {
  private readonly listeners = new Map<string, Set<Listener<T>>>();
  /** Per site, the recent items by identity (insertion order: oldest first). */
  private readonly recent = new Map<string, Map<string, T>>();
  private counter = 0;
  private subscription?: Subscription;

  constructor(
    private readonly options: {
      bus: Bus;
      topic: string;
      schema: z.ZodType<T>;
      logger: Logger;
      /** How many recent items are kept per site. */
      keep: number;
      /** Items with the same identity replace each other (a window's partials); default: none do. */
      identity?: (item: T) => string;
    },
  ) {}

  async start(): Promise<void> {
    this.subscription = await this.options.bus.subscribe({
      topics: [this.options.topic],
      group: broadcastGroup(`web-${this.options.topic}`),
      commit: 'none',
      handleBatch: (batch) => {
        for (const message of batch.messages) this.receive(message.value);
        return Promise.resolve();
      },
    });
  }

  /** Calls `listener` with what the site's recent items were, then with each new one. */
  subscribe(site: string, listener: Listener<T>): () => void {
    for (const item of this.recent.get(site)?.values() ?? []) listener(item);
    let set = this.listeners.get(site);
    if (!set) this.listeners.set(site, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(site);
    };
  }

  async close(): Promise<void> {
    await this.subscription?.close();
    this.listeners.clear();
  }

  private receive(value: Buffer): void {
    const item = readJsonMessage(value, this.options.schema);
    if (!item) {
      this.options.logger.warn({ topic: this.options.topic }, 'skipped a malformed live message');
      return;
    }
    let recent = this.recent.get(item.site);
    if (!recent) this.recent.set(item.site, (recent = new Map<string, T>()));
    const id = this.options.identity?.(item) ?? String(this.counter++);
    recent.delete(id);
    recent.set(id, item);
    for (const oldest of recent.keys()) {
      if (recent.size <= this.options.keep) break;
      recent.delete(oldest);
    }
    for (const listener of this.listeners.get(item.site) ?? []) listener(item);
  }
}
