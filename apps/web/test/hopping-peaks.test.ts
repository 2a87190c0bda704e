import type { ActivityRow } from '@sightline/ports';
import { describe, expect, it } from 'vitest';
import { hoppingPeaks } from '../server/activity/hopping-peaks.js';

const T = Date.UTC(2026, 0, 1, 12, 0, 0);
const row = (
  visitor: string,
  second: number,
  events: number,
  extra: Partial<ActivityRow> = {},
): ActivityRow => ({ start: T + second * 1_000, visitor, events, pageviews: events, ...extra });

/** The busiest 60-second window by brute force: every start on the 5-second grid. */
function bruteForce(rows: ActivityRow[]): number {
  let best = 0;
  for (let w = T - 60_000; w <= T + 600_000; w += 5_000)
    best = Math.max(
      best,
      rows.filter((r) => r.start >= w && r.start < w + 60_000).reduce((n, r) => n + r.events, 0),
    );
  return best;
}

describe('the busiest minute of each visitor and address, hopping every 5 seconds', () => {
  it('finds the window a tumbling minute would cut in two', () => {
    // 20 events at 0:45–0:55 and 20 at 1:00–1:10: minutes on the clock hold 20 each; the minute
    // from 0:45 holds all 40.
    const rows = [
      row('fast', 45, 10),
      row('fast', 50, 10),
      row('fast', 60, 10),
      row('fast', 70, 10),
      row('slow', 0, 2),
      row('slow', 200, 3),
    ];
    expect(hoppingPeaks(rows, { by: 'visitor', windowMs: 60_000, moreThan: 0 })).toEqual([
      { key: 'fast', events: 40, pageviews: 40, start: T + 45_000 },
      { key: 'slow', events: 3, pageviews: 3, start: T + 200_000 },
    ]);
    // Only those above the mark.
    expect(
      hoppingPeaks(rows, { by: 'visitor', windowMs: 60_000, moreThan: 39 }).map((p) => p.key),
    ).toEqual(['fast']);
    expect(hoppingPeaks(rows, { by: 'visitor', windowMs: 60_000, moreThan: 40 })).toEqual([]);
  });

  it('agrees with every window tried one by one', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let round = 0; round < 50; round++) {
      const rows = Array.from({ length: 40 }, () =>
        row('v', Math.floor(random() * 120) * 5, 1 + Math.floor(random() * 9)),
      );
      const [peak] = hoppingPeaks(rows, { by: 'visitor', windowMs: 60_000, moreThan: 0 });
      expect(peak!.events).toBe(bruteForce(rows));
    }
  });

  it('adds up the visitors of one address, and counts them', () => {
    const rows = [
      row('a', 0, 5, { ip: '203.0.113.9', country: 'NL' }),
      row('b', 0, 5, { ip: '203.0.113.9', country: 'NL' }),
      row('c', 30, 5, { ip: '203.0.113.9', country: 'NL' }),
      row('d', 0, 50), // no address kept: not in the address report
      row('e', 0, 1, { ip: '198.51.100.1' }),
    ];
    expect(hoppingPeaks(rows, { by: 'address', windowMs: 60_000, moreThan: 1 })).toEqual([
      { key: '203.0.113.9', country: 'NL', visitors: 3, events: 15, pageviews: 15, start: T },
    ]);
  });
});
