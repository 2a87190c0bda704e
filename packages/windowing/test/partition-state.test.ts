import { describe, expect, it } from 'vitest';
import {
  WINDOW_MS,
  sessionRecord,
  windowAggregate,
  type CollectedEvent,
  type SessionRecord,
  type WindowAggregate,
  type WindowMetrics,
} from '@sightline/contract';
import {
  decodeCheckpoint,
  PartitionState,
  sessionsToRestore,
  type PartitionOptions,
} from '../src/index.js';
import { expectedWindows } from '../../../test/streams/expected-windows.js';
import { generateStream, prng, type Message } from '../../../test/streams/generate-stream.js';

const options: PartitionOptions = {
  allowedLatenessMs: 20_000,
  sessionTimeoutMs: 60_000,
  activeVisitorsMs: 300_000,
};

/** What a store holds: the last write per window and per visit, and the committed checkpoint. */
interface Stored {
  windows: Map<string, WindowAggregate>;
  sessions: Map<string, SessionRecord>;
  commit?: { offset: number; metadata: string };
}

const emptyStore = (): Stored => ({ windows: new Map(), sessions: new Map() });

/**
 * What a crash leaves of the flush it interrupted: nothing, or some of its writes (they run side
 * by side), never the commit.
 */
type Interrupted = 'nothing' | 'all' | 'sessions' | 'windows';

/**
 * Runs the processor's loop over `messages` from the store's checkpoint: restore, apply, flush
 * every few messages (store, then commit). Stops after `crashAfter` messages, leaving what
 * `interrupted` says of one more flush in the store.
 */
function run(
  store: Stored,
  messages: Message[],
  random: () => number,
  crashAfter = Infinity,
  interrupted: Interrupted = 'nothing',
) {
  const checkpoint = decodeCheckpoint(store.commit?.metadata);
  const from = store.commit?.offset ?? 0;
  const restored = checkpoint
    ? [...store.sessions.values()].filter((s) => sessionsToRestore(s, from, checkpoint))
    : [];
  const state = new PartitionState(0, options, checkpoint, structuredClone(restored));
  const persist = (commit: boolean, writes: Interrupted = 'all') => {
    const result = state.flush();
    if (writes === 'all' || writes === 'windows')
      for (const window of result.windows)
        store.windows.set(`${window.site}:${window.start}`, structuredClone(window));
    if (writes === 'all' || writes === 'sessions')
      for (const session of result.sessions)
        store.sessions.set(session.id, structuredClone(session));
    if (commit && result.commit) store.commit = result.commit;
  };
  let applied = 0;
  for (const message of messages.slice(from)) {
    if (applied === crashAfter) {
      persist(false, interrupted);
      return false;
    }
    if (message.clock === undefined) state.apply(message.offset, message.events);
    else state.tick(message.offset, message.clock);
    applied++;
    if (random() < 0.1) persist(true);
  }
  persist(true);
  return true;
}

const sum = (store: Stored, pick: (m: WindowMetrics) => number) =>
  [...store.windows.values()].reduce((total, w) => total + pick(w.metrics), 0);

/**
 * What must not depend on when flushes happened: each window's metrics and finality (revenue sums
 * are floating point, so to the cent). The watermark and "visitors now" are observations of the
 * moment of the write.
 */
const results = (windows: Map<string, WindowAggregate>) =>
  new Map(
    [...windows].map(([key, w]) => [
      key,
      {
        final: w.final,
        metrics: {
          ...w.metrics,
          revenue: Object.fromEntries(
            Object.entries(w.metrics.revenue).map(([c, v]) => [c, Math.round(v * 100)]),
          ),
        },
      },
    ]),
  );

describe('PartitionState', () => {
  it.each([1, 2, 3])(
    'stores per-window totals equal to an independent computation (seed %i)',
    (seed) => {
      const messages = generateStream(seed, 3_000);
      const store = emptyStore();
      expect(run(store, messages, prng(seed + 100))).toBe(true);
      const want = expectedWindows(messages, options);
      expect(want.late).toBeGreaterThan(0);
      // Windows beyond those with events hold only the ends of visits (ended by inactivity).
      for (const [key, window] of store.windows) {
        if (!want.metrics.has(key))
          expect([
            window.metrics.events,
            window.metrics.bots,
            window.metrics.sessionsEnded > 0,
          ]).toEqual([0, 0, true]);
      }
      for (const [key, metrics] of want.metrics) {
        const window = store.windows.get(key);
        expect(window?.final, key).toBe(true);
        const {
          sessionsEnded: _e,
          bounces: _b,
          sessionMsSum: _d,
          revenue,
          ...got
        } = window!.metrics;
        const { revenue: wantRevenue, ...rest } = metrics;
        expect(got, key).toEqual(rest);
        expect(Object.keys(revenue).sort()).toEqual(Object.keys(wantRevenue!).sort());
        for (const currency of Object.keys(revenue))
          expect(revenue[currency]).toBeCloseTo(wantRevenue![currency]!, 6);
      }
      // Every visit ended (the stream ends an hour later): each end counted once, in some window.
      expect(sum(store, (m) => m.sessionsEnded)).toBe(want.visits);
      expect(sum(store, (m) => m.bounces)).toBe(want.bounces);
      expect(sum(store, (m) => m.sessionMsSum)).toBe(want.durationSum);
      expect(store.sessions.size).toBe(want.visits);
      // What is written and published satisfies the contract.
      for (const window of store.windows.values())
        expect(windowAggregate.safeParse(window).error).toBeUndefined();
      for (const session of store.sessions.values())
        expect(sessionRecord.safeParse(session).error).toBeUndefined();
      expect([...store.sessions.values()].every((s) => s.status === 'ended')).toBe(true);
    },
  );

  it('counts a repeated event id once and a too-late event not at all', () => {
    const base = generateStream(7, 5).flatMap((m) => m.events)[0]!;
    const event = (id: string, ts: number, receivedAt: number): CollectedEvent => ({
      ...base,
      id,
      ts,
      receivedAt,
      bot: false,
    });
    const t = 1_800_000_000_000;
    const state = new PartitionState(0, options);
    state.apply(0, [event('a', t, t)]);
    state.apply(1, [event('a', t, t + 10)]);
    state.apply(2, [event('b', t + 60_000, t + 60_000)]);
    state.apply(3, [event('c', t, t + 60_001)]);
    const { windows } = state.flush();
    const first = windows.find((w) => w.start === Math.floor(t / WINDOW_MS) * WINDOW_MS);
    expect(first?.final).toBe(true);
    expect(first?.metrics.events).toBe(1);
    expect(state.duplicates).toBe(1);
    expect(state.late).toBe(1);
  });

  it('forgets an erased visitor: no visit of theirs is written again, their events stay counted', () => {
    const base = generateStream(7, 5).flatMap((m) => m.events)[0]!;
    const t = 1_800_000_000_000;
    const event = (id: string, visitor: string, at: number): CollectedEvent => ({
      ...base,
      id,
      visitor,
      ts: at,
      receivedAt: at,
      bot: false,
    });
    const state = new PartitionState(0, options);
    state.apply(0, [event('a1', 'gone', t)]);
    state.apply(1, [event('k1', 'kept', t + 1)]);
    state.flush();
    state.apply(2, [event('a2', 'gone', t + 2)]);
    expect(state.forget(new Set([`${base.site}:gone`]))).toBe(true);
    expect(state.forget(new Set([`${base.site}:gone`]))).toBe(false);
    state.apply(3, [event('k2', 'kept', t + 3)]);
    const { sessions, windows } = state.flush();
    expect(sessions.map((s) => s.visitor)).toEqual(['kept']);
    expect(state.openSessions).toBe(1);
    const window = windows.find((w) => w.start === Math.floor(t / WINDOW_MS) * WINDOW_MS);
    expect(window?.metrics.events).toBe(4);
  });

  it('commits no further than the first offset of the earliest open window', () => {
    const messages = generateStream(4, 400);
    const state = new PartitionState(0, options);
    for (const message of messages.slice(0, 300)) {
      if (message.clock === undefined) state.apply(message.offset, message.events);
      else state.tick(message.offset, message.clock);
    }
    const { commit, windows } = state.flush();
    const open = windows.filter((w) => !w.final);
    expect(open.length).toBeGreaterThan(0);
    expect(commit!.offset).toBeLessThanOrEqual(300);
    // Every event of an open window sits at or after the committed offset.
    const openStarts = new Set(open.map((w) => `${w.site}:${w.start}`));
    const before = messages.slice(0, commit!.offset).flatMap((m) => m.events);
    const inOpen = before.filter((e) =>
      openStarts.has(`${e.site}:${Math.floor(e.ts / WINDOW_MS) * WINDOW_MS}`),
    );
    expect(inOpen).toEqual([]);
  });

  it.each(Array.from({ length: 48 }, (_, i) => i))(
    'after a crash at a random offset and a replay from the checkpoint, stores the same as an uninterrupted run (case %i)',
    (i) => {
      const messages = generateStream(10 + (i % 4), 2_000);
      const reference = emptyStore();
      run(reference, messages, prng(i));
      const random = prng(1_000 + i);
      const store = emptyStore();
      let crashes = 0;
      // Crash up to three times, leaving nothing, all or part of a flush that was never committed.
      const leftovers: Interrupted[] = ['nothing', 'all', 'sessions', 'windows'];
      while (
        !run(
          store,
          messages,
          random,
          crashes < 3 ? Math.floor(random() * 900) : Infinity,
          leftovers[Math.floor(random() * leftovers.length)],
        )
      )
        crashes++;
      expect(results(store.windows)).toEqual(results(reference.windows));
      expect(store.sessions).toEqual(reference.sessions);
    },
  );
});
