import { describe, expect, it } from 'vitest';
import { SiteSeries, windowValue } from '../src/index.js';
import { metrics, rule, T0, traffic } from './fixtures.js';

describe('a rule metric in one window', () => {
  const window = metrics({
    events: 12,
    bots: 4,
    types: { pageview: 5, click: 3, js_error: 4 },
    pageviews: 5,
    visitors: 3,
    newVisitors: 1,
    sessionsStarted: 2,
    bounces: 1,
    purchases: 2,
    revenue: { EUR: 30, USD: 12.5 },
    pathTypes: {
      '/checkout/pay': { pageview: 2, js_error: 3, click: 1 },
      '/checkout': { pageview: 1, js_error: 1 },
      '/': { pageview: 2, click: 2 },
    },
  });

  it('reads each metric, with the filters that apply to it', () => {
    const of = (fields: Parameters<typeof rule>[0]) => windowValue(rule(fields), window);
    expect(of({ metric: 'pageviews' })).toBe(5);
    expect(of({ metric: 'pageviews', filter: { path: '/checkout/**' } })).toBe(2);
    expect(of({ metric: 'pageviews', filter: { path: '/checkout*' } })).toBe(1);
    expect(of({ metric: 'events' })).toBe(12);
    expect(of({ metric: 'events', filter: { type: 'click' } })).toBe(3);
    expect(of({ metric: 'events', filter: { type: 'click', path: '/checkout/*' } })).toBe(1);
    expect(of({ metric: 'events', filter: { path: '/' } })).toBe(4);
    expect(of({ metric: 'js_errors' })).toBe(4);
    expect(of({ metric: 'js_errors', filter: { path: '/checkout/pay' } })).toBe(3);
    expect(of({ metric: 'visitors' })).toBe(3);
    expect(of({ metric: 'new_visitors' })).toBe(1);
    expect(of({ metric: 'sessions' })).toBe(2);
    expect(of({ metric: 'purchases' })).toBe(2);
    expect(of({ metric: 'revenue' })).toBe(42.5);
    expect(of({ metric: 'revenue', filter: { currency: 'USD' } })).toBe(12.5);
    expect(of({ metric: 'revenue', filter: { currency: 'GBP' } })).toBe(0);
    expect(of({ metric: 'bounces' })).toBe(1);
    expect(of({ metric: 'bots' })).toBe(4);
  });
});

describe('a site series', () => {
  it('adds partitions of a bucket, the latest state of each replacing the one before', () => {
    const series = new SiteSeries();
    series.addWindow({ start: T0, partition: 0, metrics: traffic(1, 2) });
    series.addWindow({ start: T0, partition: 1, metrics: traffic(0, 3) });
    series.addWindow({ start: T0, partition: 0, metrics: traffic(1, 4) }); // a later partial
    expect(series.value(rule(), T0)).toBe(7);
    expect(series.value(rule(), T0 + 10_000)).toBe(0);
    // A stored copy never replaces what the live feed brought.
    series.addStoredWindow({ start: T0, partition: 0, metrics: traffic(1, 1) });
    series.addStoredWindow({ start: T0, partition: 2, metrics: traffic(0, 1) });
    expect(series.value(rule(), T0)).toBe(8);
  });

  it('counts profile hits by the bucket they fired in, once per hit id, by profile', () => {
    const series = new SiteSeries();
    const hit = (id: string, profileId: string, firedAt: number) => ({ id, profileId, firedAt });
    series.addHit(hit('a', 'buyer', T0 + 1));
    series.addHit(hit('a', 'buyer', T0 + 1)); // delivered again
    series.addHit(hit('b', 'lost', T0 + 9_999));
    series.addHit(hit('c', 'buyer', T0 + 10_000));
    const hits = rule({ metric: 'profile_hits' });
    expect(series.value(hits, T0)).toBe(2);
    expect(series.value(rule({ metric: 'profile_hits', filter: { profileId: 'buyer' } }), T0)).toBe(
      1,
    );
    expect(series.value(hits, T0 + 10_000)).toBe(1);
    series.prune((start) => start > T0);
    expect(series.value(hits, T0)).toBe(0);
    expect(series.value(hits, T0 + 10_000)).toBe(1);
  });
});
