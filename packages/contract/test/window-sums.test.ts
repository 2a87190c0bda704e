import { describe, expect, it } from 'vitest';
import {
  addWindowMetrics,
  emptyWindowMetrics,
  WINDOW_COUNT_MAPS,
  WINDOW_COUNTERS,
  WINDOW_FIELDS,
  windowFields,
  windowMetrics,
  type WindowMetrics,
} from '../src/index.js';

/** Fields summed by their readers as ranked lists, not by addWindowMetrics. */
const RANKED = ['topPaths', 'topReferrers', 'pathTypes', 'scrollReached'];

const sample = (n: number): WindowMetrics => ({
  ...emptyWindowMetrics(),
  ...Object.fromEntries(WINDOW_COUNTERS.map((field, i) => [field, n * (i + 1)])),
  scrollReached: { 25: n, 50: n, 75: n, 100: n },
  types: { pageview: n, click: 2 * n },
  revenue: { EUR: 1.5 * n },
  countries: { DE: n },
});

describe('window sums', () => {
  it('name every field of a window: counters, counts by key, or ranked lists', () => {
    const named = [...WINDOW_COUNTERS, ...WINDOW_COUNT_MAPS, ...RANKED].sort();
    expect(named).toEqual(Object.keys(windowMetrics.shape).sort());
  });

  it('add counters, scroll quarters and counts by key', () => {
    const sum = emptyWindowMetrics();
    addWindowMetrics(sum, sample(1));
    addWindowMetrics(sum, sample(2));
    expect(sum.events).toBe(3);
    expect(sum.purchases).toBe(3 * (WINDOW_COUNTERS.indexOf('purchases') + 1));
    expect(sum.scrollReached).toEqual({ 25: 3, 50: 3, 75: 3, 100: 3 });
    expect(sum.types).toEqual({ pageview: 3, click: 6 });
    expect(sum.revenue).toEqual({ EUR: 4.5 });
    expect(sum.countries).toEqual({ DE: 3 });
  });

  it('flatten a window into the fields of a time-series point, every event type included', () => {
    const fields = windowFields(sample(1));
    expect(fields.events).toBe(1);
    expect(fields.scrollReached50).toBe(1);
    expect(fields.type_click).toBe(2);
    expect(fields.type_form_submit).toBe(0);
    expect(fields.revenue_EUR).toBe(1.5);
    expect(WINDOW_FIELDS).toEqual(Object.keys(windowFields(emptyWindowMetrics())));
    expect(WINDOW_FIELDS).not.toContain('revenue_EUR');
  });
});
