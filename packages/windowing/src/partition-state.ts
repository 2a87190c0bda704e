import {
  CONTRACT_VERSION,
  WINDOW_MS,
  type CollectedEvent,
  type SessionRecord,
  type WindowAggregate,
} from '@sightline/contract';
import { ActiveVisitors } from './active-visitors.js';
import { encodeCheckpoint, type Checkpoint } from './checkpoint.js';
import { Sessionizer } from './sessionizer.js';
import { WindowAccumulator } from './window-accumulator.js';

export interface PartitionOptions {
  /** How long after its end a window still takes events (then it is final). */
  allowedLatenessMs: number;
  sessionTimeoutMs: number;
  /** "Visitors now": active within this much ingest time. */
  activeVisitorsMs: number;
}

interface OpenWindow {
  site: string;
  start: number;
  accumulator: WindowAccumulator;
  /** Event ids counted: a repeated id counts once. */
  ids: Set<string>;
  /** First offset that contributed: nothing before it is needed to rebuild the window. */
  minOffset: number;
  dirty: boolean;
}

export interface FlushResult {
  /** Windows to write: final ones (once), and open ones that changed (partial). */
  windows: WindowAggregate[];
  /** Visits created, changed or ended since the last flush. */
  sessions: SessionRecord[];
  /** Once all of the above is stored: commit this offset with this metadata. */
  commit?: { offset: number; metadata: string };
}

/**
 * One partition of the events topic, processed in offset order into 10-second event-time windows
 * per site, and visits. Time moves with the highest ingest time seen (the watermark): a window is
 * final once the watermark is past its end by the allowed lateness, and later events for it are
 * counted as late. Everything depends only on the events and their order, so replaying from the
 * committed offset — the first offset of the earliest open window — rebuilds the open windows
 * exactly; windows already final are never touched again.
 */
export class PartitionState {
  watermark: number;
  closedBefore: number;
  late = 0;
  duplicates = 0;
  private readonly windows = new Map<string, OpenWindow>();
  private finalized: OpenWindow[] = [];
  private lastOffset = -1;
  private readonly sessions: Sessionizer;
  private readonly active: ActiveVisitors;

  constructor(
    readonly partition: number,
    private readonly options: PartitionOptions,
    checkpoint?: Checkpoint,
    restoredSessions: SessionRecord[] = [],
  ) {
    this.watermark = checkpoint?.watermark ?? 0;
    this.closedBefore = checkpoint?.closedBefore ?? 0;
    this.sessions = new Sessionizer(partition, options.sessionTimeoutMs);
    this.active = new ActiveVisitors(options.activeVisitorsMs);
    this.sessions.restore(restoredSessions);
    // Visits that ended into a window the replay rebuilds: their end is counted there again.
    for (const session of restoredSessions) {
      if (
        session.status === 'ended' &&
        session.endWindow !== undefined &&
        session.endWindow >= this.closedBefore
      ) {
        this.window(session.site, session.endWindow).accumulator.addSessionEnd(session);
      }
    }
  }

  /** The events of one message (one visitor, one request), all at `offset`. */
  apply(offset: number, events: CollectedEvent[]): void {
    for (const event of events) {
      if (event.receivedAt > this.watermark) this.advance(event.receivedAt);
      const start = Math.floor(event.ts / WINDOW_MS) * WINDOW_MS;
      if (start < this.closedBefore) {
        this.late++;
        continue;
      }
      const window = this.window(event.site, start);
      if (window.ids.has(event.id)) {
        this.duplicates++;
        continue;
      }
      window.ids.add(event.id);
      window.minOffset = Math.min(window.minOffset, offset);
      window.dirty = true;
      let started = false;
      if (!event.bot) {
        const result = this.sessions.apply(event, offset, this.endWindowOf);
        started = result.started;
        if (result.ended) this.countEnd(result.ended);
        this.active.seen(event.site, event.visitor, event.receivedAt);
      }
      window.accumulator.add(event, started);
    }
    this.lastOffset = Math.max(this.lastOffset, offset);
  }

  /** A message at `offset` that carries nothing to count (unreadable): only the position moves. */
  /**
   * Forgets the visits of erased visitors ("site:visitor"); their events stay counted in the
   * windows, as counts. Says whether this partition held any of them.
   */
  forget(keys: ReadonlySet<string>): boolean {
    return this.sessions.forget(keys);
  }

  skip(offset: number): void {
    this.lastOffset = Math.max(this.lastOffset, offset);
  }

  /** A clock message at `offset`: ingest time reached `at` on this partition. */
  tick(offset: number, at: number): void {
    if (at > this.watermark) this.advance(at);
    this.lastOffset = Math.max(this.lastOffset, offset);
  }

  flush(): FlushResult {
    const windows: WindowAggregate[] = [];
    const activeBySite = new Map<string, number>();
    const active = (site: string) => {
      let count = activeBySite.get(site);
      if (count === undefined)
        activeBySite.set(site, (count = this.active.count(site, this.watermark)));
      return count;
    };
    const aggregate = (window: OpenWindow, final: boolean): WindowAggregate => ({
      v: CONTRACT_VERSION,
      site: window.site,
      start: window.start,
      partition: this.partition,
      final,
      metrics: window.accumulator.metrics(),
      activeVisitors: active(window.site),
      watermark: this.watermark,
    });
    for (const window of this.finalized) windows.push(aggregate(window, true));
    this.finalized = [];
    let minOffset = Number.POSITIVE_INFINITY;
    for (const window of this.windows.values()) {
      minOffset = Math.min(minOffset, window.minOffset);
      if (window.dirty) {
        windows.push(aggregate(window, false));
        window.dirty = false;
      }
    }
    const sessions = this.sessions.takeChanged();
    if (this.lastOffset < 0) return { windows, sessions };
    return {
      windows,
      sessions,
      commit: {
        offset: Math.min(minOffset, this.lastOffset + 1),
        metadata: encodeCheckpoint({ closedBefore: this.closedBefore, watermark: this.watermark }),
      },
    };
  }

  get openWindows(): number {
    return this.windows.size;
  }

  get openSessions(): number {
    return this.sessions.open;
  }

  /** The window counting a visit's end: the window of its end time, or the earliest still open. */
  private readonly endWindowOf = (endedAt: number): number =>
    Math.max(Math.floor(endedAt / WINDOW_MS) * WINDOW_MS, this.closedBefore);

  private advance(watermark: number): void {
    const secondPassed = Math.floor(watermark / 1_000) > Math.floor(this.watermark / 1_000);
    this.watermark = watermark;
    // Idle visits are looked for once per second of ingest time (not on every event).
    if (secondPassed)
      for (const ended of this.sessions.endIdle(watermark, this.endWindowOf)) this.countEnd(ended);
    const closedBefore =
      Math.floor((watermark - this.options.allowedLatenessMs) / WINDOW_MS) * WINDOW_MS;
    if (closedBefore <= this.closedBefore) return;
    this.closedBefore = closedBefore;
    for (const [key, window] of this.windows) {
      if (window.start < closedBefore) {
        this.windows.delete(key);
        this.finalized.push(window);
      }
    }
  }

  private countEnd(session: SessionRecord): void {
    const window = this.window(session.site, session.endWindow!);
    window.accumulator.addSessionEnd(session);
    window.dirty = true;
  }

  private window(site: string, start: number): OpenWindow {
    const key = `${site}:${start}`;
    let window = this.windows.get(key);
    if (!window) {
      window = {
        site,
        start,
        accumulator: new WindowAccumulator(),
        ids: new Set(),
        minOffset: Number.POSITIVE_INFINITY,
        dirty: true,
      };
      this.windows.set(key, window);
    }
    return window;
  }
}

export type { Checkpoint };
