import { describe, expect, it } from 'vitest';
import { firstMatches, funnelProgress, nextStep } from '../src/funnel/funnel-progress.js';

const at = (session: string, ts: number) => ({ session, ts });

describe('funnel progress', () => {
  it('reaches the first step at a visit’s first match', () => {
    expect(firstMatches([at('a', 30), at('a', 10), at('b', 5)])).toEqual(
      new Map([
        ['a', 10],
        ['b', 5],
      ]),
    );
  });

  it('moves a visit on at its first match at or after the step before, and only then', () => {
    const reached = new Map([
      ['a', 10],
      ['b', 20],
      ['c', 0],
    ]);
    // a: 5 is before, 40 and 15 after (15 counts); b: only before; c: at the same time; d: never
    // reached the step before.
    const step = nextStep(reached, [
      at('a', 5),
      at('a', 40),
      at('a', 15),
      at('b', 19),
      at('c', 0),
      at('d', 50),
    ]);
    expect(step.reached).toEqual(
      new Map([
        ['a', 15],
        ['c', 0],
      ]),
    );
    expect(step.took.sort((x, y) => x - y)).toEqual([0, 5]);
  });

  it('follows every step with the median time between steps', () => {
    const steps = funnelProgress([
      [at('a', 0), at('b', 0), at('c', 0)],
      [at('a', 10), at('b', 30), at('c', -5)],
      [at('a', 20)],
    ]);
    expect(steps).toEqual([
      { visits: 3 },
      { visits: 2, medianMs: 20 },
      { visits: 1, medianMs: 10 },
    ]);
    expect(funnelProgress([])).toEqual([]);
  });
});
