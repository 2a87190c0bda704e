import type { Client } from '@elastic/elasticsearch';
import type { FunnelStep, TimeRange } from '@sightline/ports';
import { buildFunnelBlocks, END_OF_TIME, type StepsIn } from './build-funnel-blocks.js';
import { readForVisits } from './read-for-visits.js';
import { readStepTimes } from './read-step-times.js';
import {
  type BlockFigures,
  combineFigures,
  hourSpans,
  HOUR_MS,
  BLOCK_TRUST_MS,
  RECHECKED_AFTER_MS,
  hourOf,
  STORED_WITHIN_MS,
  settledHours,
  uncovered,
} from './funnel-block-hours.js';
import type { FunnelBlock, FunnelBlockIndex } from './funnel-block-index.js';
import { followFunnel, followWithin } from './follow-funnel.js';
import { epochRange } from './query.js';

/**
 * Past this many steps' events stored since a funnel's blocks were checked, they are all built
 * again rather than checked one visit at a time.
 */
const MOST_ARRIVED = 50_000;

/** A funnel is prepared at most this often. */
const PREPARE_EVERY_MS = 5 * 60_000;

/** Hours built in one pass: a day's first-step matches held at a time. */
const BUILD_HOURS = 24;
/** An hour left out by a build (a visit still going on) is tried again after this long. */
const RETRY_MS = 60_000;
/**
 * The funnels asked about in the last week are checked this often in the background, so their
 * blocks stay checked (and a query's check, which reads what was stored since, short) however
 * seldom the dashboard is opened.
 */
const RECHECK_MS = 60_000;
const KEEP_CHECKING_MS = 7 * 24 * 60 * 60_000;

/**
 * Funnels answered from hourly blocks where they are built, and from the events elsewhere.
 *
 * Following every visit of a month through four steps reads millions of events on
 * Elasticsearch (seconds at ten million). A block holds one funnel's figures for the visits
 * whose first match of the first step ever fell in its hour, once those visits are over: a
 * range's whole hours then cost one read, and only its edges and the hours not built yet are
 * followed from the events. Missing hours are built in the background after a query. A block
 * counts for a range only if the range holds all of its visits' steps, and only while no event
 * that reached the store after it was built belongs to one of its visits (see `unchanged`): the
 * events answer for that hour until it is built again. The figures are exactly those of the
 * events.
 */
export class FunnelBlocks {
  /** Per funnel, its last build run (each waits for the one before). */
  private readonly building = new Map<string, Promise<void>>();
  /** Per funnel, the hours on their way (queued or being built). */
  private readonly queued = new Map<string, Set<number>>();
  /**
   * Hours a build left out (a visit still going on), by funnel key and hour, with when to try
   * again: a visit that stays open for long is not read again at every query.
   */
  private readonly deferred = new Map<string, number>();
  /** The funnels asked about, with when: checked in the background (see RECHECK_MS). */
  private readonly asked = new Map<string, { site: string; steps: StepsIn; at: number }>();
  private timer: NodeJS.Timeout | undefined;
  private readonly preparing = new Set<Promise<void>>();
  private readonly prepared = new Map<string, number>();

  constructor(
    private readonly client: Client,
    private readonly events: string,
    private readonly blocks: FunnelBlockIndex,
    private readonly now: () => number = Date.now,
  ) {}

  async funnel(key: string, site: string, steps: StepsIn, range: TimeRange): Promise<FunnelStep[]> {
    const count = steps(range).length;
    const now = this.now();
    this.asked.set(key, { site, steps, at: now });
    this.timer ??= setInterval(() => void this.recheck(), RECHECK_MS).unref();
    const hours = settledHours(range, now);
    const read = await this.blocks.read(key, hours[0] ?? 0, hours.at(-1) ?? -1);
    const stored = [...read.values()].filter(
      (block) => block.visits.length === count && block.lastStepTs < range.to,
    );
    const usable = await this.unchanged(key, site, stored, steps);
    const missing = hours.filter((hour) => !usable.has(hour));
    if (missing.length > 0) void this.build(key, site, steps, missing);
    if (usable.size === 0) return followFunnel(this.client, this.events, steps(range));
    const parts: BlockFigures[] = [...usable.values()];
    const rest = uncovered(range, [...usable.keys()]);
    const used = (ts: number) => usable.has(hourOf(ts));
    const carried = [...usable.values()].flatMap((block) => block.carried);
    parts.push(await followWithin(this.client, this.events, { steps, range, rest, used, carried }));
    return combineFigures(parts, count);
  }

  /**
   * Builds the hours of the range that have no block yet, in the background (at most every few
   * minutes per funnel: a list of funnels asks for each funnel each time it is shown).
   */
  prepare(key: string, site: string, steps: StepsIn, range: TimeRange): void {
    const now = this.now();
    if ((this.prepared.get(key) ?? -Infinity) > now - PREPARE_EVERY_MS) return;
    for (const [other, at] of this.prepared)
      if (at <= now - PREPARE_EVERY_MS) this.prepared.delete(other);
    this.prepared.set(key, now);
    const hours = settledHours(range, now);
    const run: Promise<void> = this.blocks
      .read(key, hours[0] ?? 0, hours.at(-1) ?? -1)
      .then((built) =>
        this.build(
          key,
          site,
          steps,
          hours.filter((hour) => !built.has(hour)),
        ),
      )
      .catch(() => undefined)
      .finally(() => this.preparing.delete(run));
    this.preparing.add(run);
  }

  /** Stops the background checks. */
  close(): void {
    clearInterval(this.timer);
  }

  /** Checks the blocks of the funnels asked about lately (errors wait for the next round). */
  private async recheck(): Promise<void> {
    const now = this.now();
    for (const [key, { site, steps, at }] of this.asked) {
      if (at < now - KEEP_CHECKING_MS) {
        this.asked.delete(key);
        continue;
      }
      const read = await this.blocks.read(key, 0, now).catch(() => undefined);
      if (read) await this.unchanged(key, site, [...read.values()], steps).catch(() => undefined);
    }
  }

  /** Resolves once the blocks being built are written (benchmarks and tests wait for them). */
  async settled(): Promise<void> {
    while (this.building.size + this.preparing.size > 0)
      await Promise.all([...this.building.values(), ...this.preparing]);
  }

  /**
   * The blocks still true: any step's event that reached the store after a block was built or
   * last checked may belong to one of its visits (a visit going on, a late delivery, a visit of
   * a cookieless day), so the hours where those events' visits first reached the first step give
   * way to the events, and are built again. The blocks that pass are checked as of now.
   */
  private async unchanged(
    key: string,
    site: string,
    stored: FunnelBlock[],
    steps: StepsIn,
  ): Promise<Map<number, FunnelBlock>> {
    const now = this.now();
    const trusted = stored.filter((block) => block.checkedAt > now - BLOCK_TRUST_MS);
    const usable = new Map(trusted.map((block) => [block.hour, block]));
    if (trusted.length === 0) return usable;
    const since = Math.min(...trusted.map((block) => block.checkedAt)) - STORED_WITHIN_MS;
    const ever = steps({ from: 0, to: END_OF_TIME });
    const arrivedQuery = {
      bool: { filter: [{ bool: { should: ever } }, epochRange('storedAt', since)] },
    };
    const { count } = await this.client.count({
      index: this.events,
      allow_no_indices: true,
      ignore_unavailable: true,
      query: arrivedQuery,
    });
    if (count > MOST_ARRIVED) {
      // A history written at once (an import, a backlog caught up): built again from scratch.
      await this.blocks.forget(key);
      return new Map();
    }
    if (count > 0) {
      const arrived = await readStepTimes(this.client, this.events, arrivedQuery);
      const sessions = [...new Set(arrived.map((time) => time.session))];
      const stale = new Set<number>();
      for (const { ts } of await readForVisits(this.client, this.events, ever[0]!, sessions))
        stale.add(hourOf(ts));
      for (const hour of stale) usable.delete(hour);
      await this.blocks.remove(key, [...stale]);
    }
    // Checked a while ago: what passed is written as checked now, in the background, so the
    // next check reads less (a build of the same hour at the same time writes figures as true).
    if (since < now - RECHECKED_AFTER_MS) {
      const checked = [...usable.values()].map((block) => ({ ...block, checkedAt: now }));
      void this.blocks.write(key, site, checked).catch(() => undefined);
    }
    return usable;
  }

  /**
   * Builds the missing hours of a funnel, one run at a time per funnel: hours asked for while a
   * run goes on are built after it (those already on their way are not asked twice).
   */
  private build(key: string, site: string, steps: StepsIn, hours: number[]): Promise<void> {
    const now = this.now();
    for (const [entry, retryAt] of this.deferred) if (retryAt <= now) this.deferred.delete(entry);
    const queued = this.queued.get(key) ?? new Set<number>();
    const due = hours.filter((hour) => !this.deferred.has(`${key}:${hour}`) && !queued.has(hour));
    const running = this.building.get(key);
    if (due.length === 0) return running ?? Promise.resolve();
    for (const hour of due) queued.add(hour);
    this.queued.set(key, queued);
    const run: Promise<void> = (running ?? Promise.resolve())
      .then(async () => {
        for (const span of hourSpans(due, BUILD_HOURS)) {
          const built = await buildFunnelBlocks(this.client, this.events, steps, span, this.now());
          await this.blocks.write(key, site, built);
          const done = new Set(built.map((block) => block.hour));
          for (let hour = span.from; hour < span.to; hour += HOUR_MS)
            if (!done.has(hour)) this.deferred.set(`${key}:${hour}`, this.now() + RETRY_MS);
        }
      })
      .catch(() => undefined) // derived data: the events answer until a later query builds it
      .finally(() => {
        for (const hour of due) queued.delete(hour);
        if (this.building.get(key) === run) this.building.delete(key);
        if (queued.size === 0 && this.queued.get(key) === queued) this.queued.delete(key);
      });
    this.building.set(key, run);
    return run;
  }
}
