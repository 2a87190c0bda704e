import { describe, expect, it } from 'vitest';
import { Abandoned, retryUntilDone } from '../src/bus/retry-until-done.js';

function context(overrides: { running?: () => boolean; heartbeat?: () => Promise<void> } = {}) {
  let heartbeats = 0;
  return {
    get heartbeats() {
      return heartbeats;
    },
    commit: () => Promise.resolve(),
    commitWith: () => Promise.resolve(),
    seek: () => undefined,
    heartbeat: () => {
      heartbeats++;
      return overrides.heartbeat?.() ?? Promise.resolve();
    },
    isRunning: overrides.running ?? (() => true),
  };
}

describe('retryUntilDone', () => {
  it('retries with heartbeats until the work succeeds', async () => {
    const ctx = context();
    let calls = 0;
    const errors: number[] = [];
    const result = await retryUntilDone(
      () => (++calls < 4 ? Promise.reject(new Error('store down')) : Promise.resolve('stored')),
      {
        context: ctx,
        onError: (_e, attempt) => errors.push(attempt),
        initialDelayMs: 5,
        maxDelayMs: 20,
      },
    );
    expect(result).toBe('stored');
    expect(errors).toEqual([1, 2, 3]);
    expect(ctx.heartbeats).toBeGreaterThanOrEqual(3);
  });

  it('gives up when the partition is no longer held', async () => {
    let running = true;
    const work = () => {
      running = false;
      return Promise.reject(new Error('store down'));
    };
    await expect(
      retryUntilDone(work, {
        context: context({ running: () => running }),
        onError: () => undefined,
        initialDelayMs: 5,
      }),
    ).rejects.toBeInstanceOf(Abandoned);
  });

  it('gives up when a heartbeat says the group is rebalancing', async () => {
    await expect(
      retryUntilDone(() => Promise.reject(new Error('down')), {
        context: context({ heartbeat: () => Promise.reject(new Error('REBALANCE_IN_PROGRESS')) }),
        onError: () => undefined,
        initialDelayMs: 5,
      }),
    ).rejects.toBeInstanceOf(Abandoned);
  });
});
