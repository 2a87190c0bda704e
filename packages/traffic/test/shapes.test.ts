import { describe, expect, it } from 'vitest';
import { dailyShape } from '../src/run/daily-shape.js';
import { logNormal, seededRandom, weighted, zipf } from '../src/random.js';

describe('the time of day', () => {
  it('averages 1 over a day, quiet at night and busiest in the evening', () => {
    const at = (hour: number, minute = 0) => dailyShape(new Date(2026, 0, 5, hour, minute));
    let sum = 0;
    for (let minute = 0; minute < 24 * 60; minute += 10)
      sum += at(Math.floor(minute / 60), minute % 60);
    expect(sum / 144).toBeCloseTo(1, 1);
    expect(at(3)).toBeLessThan(0.3);
    expect(at(20)).toBeGreaterThan(1.4);
    // Smooth: ten minutes never change the rate by much.
    expect(Math.abs(at(7, 50) - at(8))).toBeLessThan(0.1);
  });
});

describe('random draws', () => {
  const random = seededRandom(3);

  it('pick by weight', () => {
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++)
      counts[
        weighted(random, [
          ['a', 3],
          ['b', 1],
        ] as const)
      ]++;
    expect(counts.a / 10_000).toBeCloseTo(0.75, 1);
  });

  it('follow Zipf: the first item is picked about twice as often as the second', () => {
    const counts = new Array<number>(50).fill(0);
    for (let i = 0; i < 50_000; i++) counts[zipf(random, 50, 1)]!++;
    expect(counts[0]! / counts[1]!).toBeGreaterThan(1.7);
    expect(counts[0]! / counts[1]!).toBeLessThan(2.3);
    expect(counts.every((c, i) => i === 0 || c <= counts[0]!)).toBe(true);
  });

  it('give log-normal durations around their median, with a long tail', () => {
    const values = Array.from({ length: 20_001 }, () => logNormal(random, 10_000)).sort(
      (a, b) => a - b,
    );
    expect(values[10_000]! / 10_000).toBeCloseTo(1, 0);
    expect(values[19_800]!).toBeGreaterThan(50_000);
    expect(values[0]!).toBeGreaterThan(0);
  });
});
