import { describe, expect, it } from 'vitest';
import {
  blockFigures,
  combineFigures,
  HOUR_MS,
  hourSpans,
  settledHours,
  uncovered,
  VISIT_IDLE_MS,
} from '../src/elasticsearch/funnel-block-hours.js';

const H = Date.UTC(2026, 5, 1, 10);
const MIN = 60_000;

describe('funnel block hours', () => {
  it('takes the whole hours of a range whose visits can be over', () => {
    const range = { from: H - 20 * MIN, to: H + 225 * MIN };
    expect(settledHours(range, H + 10 * HOUR_MS)).toEqual([H, H + HOUR_MS, H + 2 * HOUR_MS]);
    // An hour ended less than a visit's idle time ago may still have visits going on.
    expect(settledHours(range, H + 3 * HOUR_MS + VISIT_IDLE_MS - 1)).toEqual([H, H + HOUR_MS]);
    expect(settledHours({ from: H, to: H + HOUR_MS - 1 }, H + 10 * HOUR_MS)).toEqual([]);
  });

  it('finds what of a range the blocks leave out, and runs of hours', () => {
    const range = { from: H - 20 * MIN, to: H + 225 * MIN };
    expect(uncovered(range, [H + 2 * HOUR_MS, H])).toEqual([
      { from: H - 20 * MIN, to: H },
      { from: H + HOUR_MS, to: H + 2 * HOUR_MS },
      { from: H + 3 * HOUR_MS, to: H + 225 * MIN },
    ]);
    expect(uncovered({ from: H, to: H + HOUR_MS }, [H])).toEqual([]);
    expect(hourSpans([H + 3 * HOUR_MS, H, H + HOUR_MS])).toEqual([
      { from: H, to: H + 2 * HOUR_MS },
      { from: H + 3 * HOUR_MS, to: H + 4 * HOUR_MS },
    ]);
  });

  it('sums disjoint parts, with medians over all their durations', () => {
    // a: steps at H+10 and H+20 min; b: H+50 only; c: H+70, H+75 and H+95.
    const reached = [
      new Map([
        ['a', H + 10 * MIN],
        ['b', H + 50 * MIN],
        ['c', H + 70 * MIN],
      ]),
      new Map([
        ['a', H + 20 * MIN],
        ['c', H + 75 * MIN],
      ]),
      new Map([['c', H + 95 * MIN]]),
    ];
    const blocks = blockFigures(reached, 3);
    expect([...blocks.keys()]).toEqual([H, H + HOUR_MS]);
    expect(blocks.get(H)).toEqual({
      visits: [2, 1, 0],
      took: [[], [10 * MIN], []],
      lastStepTs: H + 50 * MIN,
    });
    expect(blocks.get(H + HOUR_MS)).toEqual({
      visits: [1, 1, 1],
      took: [[], [5 * MIN], [20 * MIN]],
      lastStepTs: H + 95 * MIN,
    });
    expect(combineFigures([...blocks.values()], 3)).toEqual([
      { visits: 3 },
      { visits: 2, medianMs: 7.5 * MIN },
      { visits: 1, medianMs: 20 * MIN },
    ]);
  });
});
