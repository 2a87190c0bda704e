import { deadLetter, readJsonMessage, type DeadLetter } from '@sightline/contract';
import type { Logger } from '@sightline/observability';
import { broadcastGroup } from '../broadcast-group.js';
import type { Bus, Subscription } from '@sightline/ports';

/** The newest letters kept in memory for the summary. */
const RECENT = 100;

/**
 * Dead letters on a topic (the distributed mode): written by the processor before it commits
 * past them, read back by whoever shows them (the admin app) through a view of the whole topic
 * that this object keeps in memory once `summary` is first asked. Letters are few (each one is
 * a fault to fix), so counting distinct ids in memory is cheap.
 */
export class TopicDeadLetters {
  private view: Promise<Subscription> | undefined;
  private readonly ids = new Set<string>();
  private readonly bySite = new Map<string, number>();
  private recent: DeadLetter[] = [];
  /** Next offset to read, by partition (to tell when the view has caught up). */
  private readonly read = new Map<number, number>();

  constructor(
    private readonly bus: Bus,
    private readonly topic: string,
    private readonly logger: Logger,
  ) {}

  ensureSchema(): Promise<void> {
    return Promise.resolve();
  }

  async write(letters: DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    await this.bus.publish(
      this.topic,
      letters.map((letter) => ({ key: letter.id, value: JSON.stringify(letter) })),
    );
  }

  async summary(query: { site?: string; limit: number }): Promise<{
    total: number;
    recent: DeadLetter[];
  }> {
    if (!this.view) {
      this.view = this.follow();
      await this.view;
      await this.caughtUp();
    } else await this.view;
    const total = query.site === undefined ? this.ids.size : (this.bySite.get(query.site) ?? 0);
    const recent = this.recent
      .filter((letter) => query.site === undefined || letter.site === query.site)
      .slice(0, Math.max(0, query.limit));
    return { total, recent };
  }

  async close(): Promise<void> {
    const view = this.view;
    this.view = undefined;
    await (await view)?.close();
  }

  /** Waits (a little) until the view has read what the topic held when it started. */
  private async caughtUp(): Promise<void> {
    const [starts, ends] = await Promise.all([
      this.bus.offsetsAt(this.topic, 0),
      this.bus.endOffsets(this.topic),
    ]);
    const start = new Map(starts.map(({ partition, offset }) => [partition, Number(offset)]));
    const behind = () =>
      ends.some(
        ({ partition, end }) =>
          (this.read.get(partition) ?? start.get(partition) ?? 0) < Number(end),
      );
    const deadline = Date.now() + 2_000;
    while (Date.now() < deadline && behind())
      await new Promise((resolve) => setTimeout(resolve, 20));
  }

  private follow(): Promise<Subscription> {
    return this.bus.subscribe({
      topics: [this.topic],
      group: broadcastGroup('dead-letters'),
      fromBeginning: true,
      commit: 'none',
      handleBatch: (batch) => {
        this.read.set(batch.partition, Number(batch.messages.at(-1)!.offset) + 1);
        for (const message of batch.messages) {
          const letter = readJsonMessage(message.value, deadLetter);
          if (!letter) {
            this.logger.warn({ offset: message.offset }, 'unreadable dead letter skipped');
            continue;
          }
          if (this.ids.has(letter.id)) continue; // written again by a replay
          this.ids.add(letter.id);
          if (letter.site !== undefined)
            this.bySite.set(letter.site, (this.bySite.get(letter.site) ?? 0) + 1);
          this.recent = [letter, ...this.recent].slice(0, RECENT);
        }
        return Promise.resolve();
      },
    });
  }
}
