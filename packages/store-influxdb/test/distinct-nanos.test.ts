import { randomUUID } from 'node:crypto';
import { stableHash } from '@sightline/contract';
import { describe, expect, it } from 'vitest';
import { withDistinctNanos } from '../src/influxdb/distinct-nanos.js';
import type { Point } from '../src/influxdb/line-protocol.js';

const point = (time = 1_000, site = 'a'): Point => ({
  measurement: 'events',
  tags: { site },
  fields: { count: 1 },
  time,
});

/** Two event ids whose hashes take the same nanosecond. */
function collidingIds(): [string, string] {
  const seen = new Map<number, string>();
  for (;;) {
    const id = randomUUID();
    const nanos = stableHash(id) % 1_000_000;
    const other = seen.get(nanos);
    if (other !== undefined) return [other, id];
    seen.set(nanos, id);
  }
}

describe('withDistinctNanos', () => {
  it('gives each event its hash, the same on every write', () => {
    const id = randomUUID();
    const [first] = withDistinctNanos([{ id, point: point() }]);
    const [again] = withDistinctNanos([{ id, point: point() }]);
    expect(first!.nanos).toBe(stableHash(id) % 1_000_000);
    expect(again!.nanos).toBe(first!.nanos);
  });

  it('moves the later of two colliding ids to the next free nanosecond, in any input order', () => {
    const [a, b] = collidingIds();
    const sorted = [a, b].sort();
    const nanos = stableHash(a) % 1_000_000;
    for (const order of [
      [a, b],
      [b, a],
    ]) {
      const points = withDistinctNanos(order.map((id) => ({ id, point: point() })));
      const byId = new Map(order.map((id, i) => [id, points[i]!.nanos]));
      expect(byId.get(sorted[0]!)).toBe(nanos);
      expect(byId.get(sorted[1]!)).toBe((nanos + 1) % 1_000_000);
    }
  });

  it('writes a repeated event onto its own point', () => {
    const [a, b] = collidingIds();
    const points = withDistinctNanos([a, b, a, b].map((id) => ({ id, point: point() })));
    expect(points[2]!.nanos).toBe(points[0]!.nanos);
    expect(points[3]!.nanos).toBe(points[1]!.nanos);
    expect(new Set(points.map((p) => p.nanos)).size).toBe(2);
  });

  it('leaves colliding ids alone when they are in different milliseconds or series', () => {
    const [a, b] = collidingIds();
    const nanos = stableHash(a) % 1_000_000;
    const apart = withDistinctNanos([
      { id: a, point: point(1_000) },
      { id: b, point: point(1_001) },
    ]);
    const otherSeries = withDistinctNanos([
      { id: a, point: point(1_000, 'a') },
      { id: b, point: point(1_000, 'b') },
    ]);
    expect([...apart, ...otherSeries].map((p) => p.nanos)).toEqual([nanos, nanos, nanos, nanos]);
  });

  it('gives 10,000 events of one millisecond 10,000 distinct timestamps', () => {
    const points = withDistinctNanos(
      Array.from({ length: 10_000 }, () => ({ id: randomUUID(), point: point() })),
    );
    expect(new Set(points.map((p) => p.nanos)).size).toBe(10_000);
  });
});
