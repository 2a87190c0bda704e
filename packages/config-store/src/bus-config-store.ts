import { randomUUID } from 'node:crypto';
import type {
  Bus,
  IncomingMessage,
  Subscription,
  ConfigChange,
  ConfigKind,
  ConfigStore,
} from '@sightline/ports';
import type { Logger } from '@sightline/observability';
import { MemoryView, parseKey } from './memory-view.js';

interface Envelope {
  /** Tells this process when its own write has come back through the topic. */
  revision: string;
  value: unknown;
}

const WRITE_VISIBLE_TIMEOUT_MS = 15_000;

/**
 * The configuration as a compacted topic: every process reads it from the beginning (its own
 * throwaway consumer group, nothing committed) and keeps the latest value of each key in memory.
 * A write is a message keyed "kind:id"; a delete is a tombstone.
 */
export class BusConfigStore implements ConfigStore {
  private readonly view = new MemoryView();
  private readonly waiting = new Map<string, () => void>();
  private subscription: Subscription | undefined;

  constructor(
    private readonly bus: Bus,
    private readonly topic: string,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const group = `config-view-${randomUUID()}`;
    // The end of each partition now: caught up once every one is read to there.
    const ends = new Map(
      (await this.bus.endOffsets(this.topic)).map((p) => [p.partition, BigInt(p.end)]),
    );
    const pending = new Set(
      [...ends].filter(([, end]) => end > 0n).map(([partition]) => partition),
    );
    let caughtUp!: () => void;
    const ready = new Promise<void>((resolve) => (caughtUp = resolve));
    if (pending.size === 0) caughtUp();

    this.subscription = await this.bus.subscribe({
      topics: [this.topic],
      group,
      fromBeginning: true,
      commit: 'none',
      handleBatch: (batch) => {
        for (const message of batch.messages) this.applyMessage(message);
        const last = BigInt(batch.messages.at(-1)?.offset ?? -1) + 1n;
        if (pending.has(batch.partition) && last >= (ends.get(batch.partition) ?? 0n)) {
          pending.delete(batch.partition);
          if (pending.size === 0) caughtUp();
        }
        return Promise.resolve();
      },
    });
    await ready;
  }

  get(kind: ConfigKind, id: string): unknown {
    return this.view.get(kind, id);
  }

  list(kind: ConfigKind): { id: string; value: unknown }[] {
    return this.view.list(kind);
  }

  put(kind: ConfigKind, id: string, value: unknown): Promise<void> {
    return this.write(kind, id, value);
  }

  remove(kind: ConfigKind, id: string): Promise<void> {
    return this.write(kind, id, undefined);
  }

  onChange(listener: (change: ConfigChange) => void): () => void {
    return this.view.onChange(listener);
  }

  async close(): Promise<void> {
    await this.subscription?.close();
  }

  /** Publishes, then waits until the change has come back through the topic into this view. */
  private async write(kind: ConfigKind, id: string, value: unknown): Promise<void> {
    const revision = randomUUID();
    const visible = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(revision);
        reject(
          new Error(`config change ${kind}:${id} not visible after ${WRITE_VISIBLE_TIMEOUT_MS} ms`),
        );
      }, WRITE_VISIBLE_TIMEOUT_MS);
      this.waiting.set(revision, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    const key = MemoryView.key(kind, id);
    const payload: Envelope = { revision, value };
    // A tombstone (empty value) deletes under compaction; it carries its revision in a header.
    await this.bus.publish(this.topic, [
      value === undefined
        ? { key, value: Buffer.alloc(0), headers: { revision } }
        : { key, value: JSON.stringify(payload) },
    ]);
    await visible;
  }

  private applyMessage({ key, value: raw, headers }: IncomingMessage): void {
    const parsed = key === null ? undefined : parseKey(key);
    if (!parsed) return;
    let envelope: Envelope | undefined;
    try {
      envelope = raw.length === 0 ? undefined : (JSON.parse(raw.toString('utf8')) as Envelope);
    } catch (error) {
      this.logger.warn({ key, err: String(error) }, 'unreadable config record skipped');
      return;
    }
    this.view.apply(parsed.kind, parsed.id, envelope?.value);
    const revision = envelope?.revision ?? headers.revision;
    if (revision) this.waiting.get(revision)?.();
  }
}
