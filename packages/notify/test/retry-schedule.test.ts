import { describe, expect, it } from 'vitest';
import { retryDelays } from '../src/index.js';

describe('retry schedule', () => {
  it('waits 1, 4, 16 and 60 seconds by default, each moved by up to 20%', () => {
    expect(retryDelays({ jitter: 0 })).toEqual([1_000, 4_000, 16_000, 60_000]);
    expect(retryDelays({ attempts: 7, jitter: 0 }).at(-1)).toBe(60_000);
    expect(retryDelays({}, () => 1)).toEqual([1_200, 4_800, 19_200, 72_000]);
    expect(retryDelays({}, () => 0)).toEqual([800, 3_200, 12_800, 48_000]);
    expect(retryDelays({ attempts: 1 })).toEqual([]);
  });

  it('takes tiny delays for tests', () => {
    expect(retryDelays({ attempts: 4, baseMs: 1, factor: 2, maxMs: 3, jitter: 0 })).toEqual([
      1, 2, 3,
    ]);
  });
});
