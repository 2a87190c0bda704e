import { CONTRACT_VERSION, emptyWindowMetrics, type WindowAggregate } from '@sightline/contract';
import { describe, expect, it } from 'vitest';
import {
  eventsPerSecond,
  foldWindow,
  liveAt,
  totals,
  visitorsNow,
  type LiveWindows,
} from '../app/ui/live-windows.js';

const window = (start: number, partition: number, events: number, active: number) =>
  ({
    v: CONTRACT_VERSION,
    site: 'shop',
    start,
    partition,
    final: false,
    metrics: { ...emptyWindowMetrics(), events, pageviews: events },
    activeVisitors: active,
    watermark: start + 9_000,
  }) satisfies WindowAggregate;

const T = 1_700_000_000_000; // a multiple of 10 s
const state: LiveWindows = [
  window(T - 20_000, 0, 30, 4),
  window(T - 10_000, 0, 50, 5),
  window(T - 10_000, 1, 20, 2),
].reduce(foldWindow, new Map<string, WindowAggregate>());

describe('the live view as of now', () => {
  it('reads the rate of the last complete window by the clock, all partitions summed', () => {
    expect(eventsPerSecond(state, T + 3_000)).toBe(7);
    expect(visitorsNow(state, T + 3_000)).toBe(7);
    expect(totals(liveAt(state, T + 3_000)).pageviews).toBe(100);
  });

  it('falls to nothing once traffic has stopped, without any update arriving', () => {
    // A minute later the last window with events is long past: no rate, the same visitors.
    expect(eventsPerSecond(state, T + 60_000)).toBe(0);
    expect(visitorsNow(state, T + 60_000)).toBe(7);
    // Six minutes later nobody is active and the five minutes hold no window.
    expect(visitorsNow(state, T + 6 * 60_000)).toBe(0);
    expect(totals(liveAt(state, T + 6 * 60_000)).pageviews).toBe(0);
    // In between, only what is younger than five minutes counts.
    expect(totals(liveAt(state, T - 20_000 + 5 * 60_000 + 1)).pageviews).toBe(70);
  });
});
