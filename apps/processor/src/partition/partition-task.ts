import { retryUntilDone, type BatchContext } from '@sightline/ports';
import type { DeadLetter } from '@sightline/contract';
import type { Logger } from '@sightline/observability';
import type { PartitionState } from '@sightline/windowing';
import type { RawEvent } from '../flush/event-letter.js';
import type { ResultWrite } from '../flush/write-results.js';
import type { ProcessorMetrics } from '../metrics.js';
import type { ReadMessage } from '../read/read-messages.js';

/** Raw events held before a flush is forced regardless of time (bounds memory while catching up). */
export const MAX_BUFFERED_EVENTS = 50_000;
/** At most one "late events" log line per partition this often. */
const LATE_LOG_EVERY_MS = 10_000;

export interface TaskDeps {
  metrics: ProcessorMetrics;
  logger: Logger;
  /** The writes of a flush (see resultWrites). */
  writesFor(result: ReturnType<PartitionState['flush']>, raw: RawEvent[]): ResultWrite[];
  /** Stores dead letters (before the offset past them is committed). */
  writeLetters(letters: DeadLetter[]): Promise<void>;
  /** A flush reached every store (readiness: the partition moves); `pending`: more waits. */
  stored(at: number, pending: boolean): void;
}

/**
 * One partition held by this process: its windows and visits, the raw events read since the
 * last flush, and the flush itself — every store written (retried until they all succeed), then
 * the offset committed with its checkpoint. Reading goes on while a flush is written; flushes of
 * a partition run one at a time, in order.
 */
export class PartitionTask {
  private raw: RawEvent[] = [];
  /** Records set aside since the last flush (unreadable messages and events). */
  private letters: DeadLetter[] = [];
  private lastFlushAt = Date.now();
  private running: Promise<void> | undefined;
  /** A flush asked for while one was running: it starts when that one ends. */
  private again: BatchContext | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastCommit: string | undefined;
  private lateLogged = { at: 0, count: 0 };
  /** Ingest time up to which this partition's results are in every store (0: none yet). */
  storedUpTo = 0;

  constructor(
    readonly partition: number,
    private readonly state: PartitionState,
    private readonly deps: TaskDeps,
  ) {}

  read(message: ReadMessage): void {
    if (message.kind === 'skip') {
      this.state.skip(message.offset);
      return;
    }
    if (message.kind === 'clock') {
      this.state.tick(message.offset, message.at);
      return;
    }
    const { late, duplicates } = this.state;
    this.state.apply(message.offset, message.events);
    for (const event of message.events) this.raw.push({ event, offset: message.offset });
    this.deps.metrics.events.inc(message.events.length);
    if (this.state.late > late) this.countLate(this.state.late - late);
    if (this.state.duplicates > duplicates)
      this.deps.metrics.duplicates.inc(this.state.duplicates - duplicates);
  }

  /**
   * Forgets erased visitors ("site:visitor"): their visits and the events read but not yet in
   * every store. Says whether this partition held any of them.
   */
  forget(keys: ReadonlySet<string>): boolean {
    const before = this.raw.length;
    this.raw = this.raw.filter(({ event }) => !keys.has(`${event.site}:${event.visitor}`));
    return this.state.forget(keys) || this.raw.length < before;
  }

  /** Resolves once the flush being written (if any) has ended. */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** Sets records aside: stored with the next flush, before its commit. */
  setAside(letters: DeadLetter[]): void {
    for (const letter of letters) this.letters.push(letter);
  }

  /** Whether anything read is not yet in the stores. */
  get pending(): boolean {
    return this.raw.length > 0 || this.letters.length > 0 || this.running !== undefined;
  }

  get buffered(): number {
    return this.raw.length;
  }

  /** Time since the last flush started. */
  get msSinceFlush(): number {
    return Date.now() - this.lastFlushAt;
  }

  /** Whether a flush is being written now. */
  get flushing(): boolean {
    return this.running !== undefined;
  }

  /**
   * Starts a flush, or asks for one more after the running one. Resolves when the flush that
   * covers everything read so far is done; rejects with Abandoned when the partition is gone.
   */
  flushSoon(context: BatchContext): Promise<void> {
    this.cancelTimer();
    if (this.running) {
      this.again = context;
      return this.running; // its loop runs the flush asked for before it ends
    }
    const run = async () => {
      let next: BatchContext | undefined = context;
      while (next && !this.stopped) {
        this.again = undefined;
        await this.flush(next);
        next = this.again;
      }
    };
    this.running = run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Flushes after `ms` (or after the running flush), unless a flush starts before. */
  flushAfter(ms: number, context: BatchContext, onError: (error: unknown) => void): void {
    if (this.running) {
      this.again = context;
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushSoon(context).catch(onError);
    }, ms);
  }

  /** Waits for the running flush (if any) to end; no more start. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer();
    await this.running?.catch(() => undefined);
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Writes what changed since the last flush to every store, then commits. */
  private async flush(context: BatchContext): Promise<void> {
    const started = Date.now();
    this.lastFlushAt = started;
    const watermark = this.state.watermark;
    const result = this.state.flush();
    const raw = this.raw;
    this.raw = [];
    const letters = this.letters;
    this.letters = [];
    const writes = this.deps.writesFor(result, raw);
    const onError = (store: string) => (error: unknown, attempt: number) => {
      this.deps.metrics.storeErrors.inc({ store });
      // The first failure and then every tenth: an outage is visible without flooding the log.
      if (attempt === 1 || attempt % 10 === 0)
        this.deps.logger.warn(
          { partition: this.partition, store, attempt, err: String(error) },
          'write failed; retrying',
        );
    };
    const timed = (write: ResultWrite) => async () => {
      const end = this.deps.metrics.writeSeconds.startTimer({ store: write.store });
      const refused = await write.run();
      end();
      return refused;
    };
    const refused = await Promise.all(
      writes.map((write) =>
        retryUntilDone(timed(write), { context, onError: onError(write.store) }),
      ),
    );
    // Set aside before the commit passes them: a letter is never lost.
    const setAside = [...letters, ...refused.flat()];
    if (setAside.length > 0) {
      await retryUntilDone(() => this.deps.writeLetters(setAside), {
        context,
        onError: onError('dead-letters'),
      });
      for (const letter of setAside) this.deps.metrics.deadLetters.inc({ stage: letter.stage });
      this.deps.logger.error(
        {
          partition: this.partition,
          count: setAside.length,
          first: { stage: setAside[0]!.stage, reason: setAside[0]!.reason },
        },
        'records set aside as dead letters',
      );
    }
    const commit = result.commit;
    if (commit && `${commit.offset}:${commit.metadata}` !== this.lastCommit) {
      const commitWrite: ResultWrite = {
        store: 'commit',
        run: async () => {
          await context.commit(String(commit.offset), commit.metadata);
          return [];
        },
      };
      await retryUntilDone(timed(commitWrite), { context, onError: onError('commit') });
      this.lastCommit = `${commit.offset}:${commit.metadata}`;
    }
    const ended = Date.now();
    this.storedUpTo = watermark;
    this.deps.stored(
      ended,
      this.raw.length > 0 || this.letters.length > 0 || this.again !== undefined,
    );
    this.deps.metrics.stored.inc(raw.length);
    this.deps.metrics.flushes.inc();
    this.deps.metrics.flushSeconds.observe((ended - started) / 1_000);
    const labels = { partition: String(this.partition) };
    this.deps.metrics.openWindows.set(labels, this.state.openWindows);
    this.deps.metrics.openSessions.set(labels, this.state.openSessions);
  }

  private countLate(count: number): void {
    this.deps.metrics.late.inc(count);
    this.lateLogged.count += count;
    const now = Date.now();
    if (now - this.lateLogged.at >= LATE_LOG_EVERY_MS) {
      this.deps.logger.warn(
        {
          partition: this.partition,
          late: this.lateLogged.count,
          closedBefore: this.state.closedBefore,
        },
        'events arrived after their window was final: stored raw, not in the aggregates',
      );
      this.lateLogged = { at: now, count: 0 };
    }
  }
}
