import { describe, expect, it } from 'vitest';
import { checkCondition, WEEK_MS, windowTotal } from '../src/index.js';
import { rule, T0 } from './fixtures.js';

/** Bucket values from a table of bucket start → value. */
const buckets = (table: Record<number, number>) => (start: number) => table[start] ?? 0;

describe('a rule window', () => {
  it('sums its buckets before the end, and averages visitors per 10 seconds', () => {
    const values = buckets({
      [T0 - 70_000]: 100,
      [T0 - 60_000]: 0,
      [T0 - 50_000]: 3,
      [T0 - 10_000]: 2,
      [T0]: 50,
    });
    expect(windowTotal(rule(), values, T0)).toBe(5);
    expect(windowTotal(rule({ metric: 'visitors' }), values, T0)).toBe(5 / 6);
  });
});

describe('conditions', () => {
  const end = T0;
  const minute = (value: number, endAt = end) => ({ [endAt - 10_000]: value });

  it('above, below and no data', () => {
    expect(checkCondition(rule(), buckets(minute(6)), end)).toEqual({ breached: true, value: 6 });
    expect(checkCondition(rule(), buckets(minute(5)), end).breached).toBe(false);
    const below = rule({ condition: { kind: 'below', threshold: 1 } });
    expect(checkCondition(below, buckets({}), end).breached).toBe(true);
    const quiet = rule({ condition: { kind: 'no_data' } });
    expect(checkCondition(quiet, buckets({}), end).breached).toBe(true);
    expect(checkCondition(quiet, buckets(minute(1)), end).breached).toBe(false);
  });

  it('a change against the previous window, up, down or either', () => {
    const spike = (direction: 'up' | 'down' | 'either') =>
      rule({
        metric: 'pageviews',
        condition: { kind: 'change', direction, percent: 100, against: 'previous_window' },
      });
    const doubled = buckets({ ...minute(10, end - 60_000), ...minute(20) });
    expect(checkCondition(spike('up'), doubled, end)).toEqual({
      breached: true,
      value: 20,
      base: 10,
      changePercent: 100,
    });
    expect(checkCondition(spike('down'), doubled, end).breached).toBe(false);
    expect(checkCondition(spike('either'), doubled, end).breached).toBe(true);
    const halved = rule({
      metric: 'pageviews',
      condition: { kind: 'change', direction: 'down', percent: 50, against: 'previous_window' },
    });
    expect(
      checkCondition(halved, buckets({ ...minute(10, end - 60_000), ...minute(5) }), end).breached,
    ).toBe(true);
    expect(
      checkCondition(halved, buckets({ ...minute(10, end - 60_000), ...minute(6) }), end).breached,
    ).toBe(false);
  });

  it('a change against the same window a week earlier; no base, no comparison', () => {
    const lastWeek = rule({
      metric: 'pageviews',
      condition: { kind: 'change', direction: 'down', percent: 50, against: 'last_week' },
    });
    const values = buckets({
      ...minute(40, end - WEEK_MS),
      ...minute(10),
      ...minute(10, end - 60_000),
    });
    expect(checkCondition(lastWeek, values, end)).toMatchObject({
      breached: true,
      value: 10,
      base: 40,
    });
    expect(checkCondition(lastWeek, buckets(minute(10)), end)).toEqual({
      breached: false,
      value: 10,
      base: 0,
    });
  });
});
