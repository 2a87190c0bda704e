import { stableHash } from '@sightline/contract';
import type { Point } from './line-protocol.js';

const NANOS_PER_MS = 1_000_000;

/**
 * InfluxDB keeps one point per series and timestamp, so raw events of one millisecond and tag
 * set need distinct nanoseconds. Each takes a hash of its id (a replay lands on the same point).
 * Two ids of one write that hash alike no longer overwrite each other: the later id in sort
 * order takes the next free nanosecond, so the same events always get the same timestamps.
 * Events of separate writes (another partition's flush) can still meet, about once in a million
 * pairs of one millisecond and tag set; the raw documents in Elasticsearch and the windows are
 * exact regardless.
 */
export function withDistinctNanos(points: { id: string; point: Point }[]): Point[] {
  const taken = new Map<string, Set<number>>();
  /** An id written twice (a repeated event) keeps one point. */
  const given = new Map<string, number>();
  const ordered = [...points].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const { id, point } of ordered) {
    const bucket = `${point.time} ${JSON.stringify(point.tags)}`;
    const again = given.get(`${bucket} ${id}`);
    if (again !== undefined) {
      point.nanos = again;
      continue;
    }
    let used = taken.get(bucket);
    if (!used) taken.set(bucket, (used = new Set()));
    let nanos = stableHash(id) % NANOS_PER_MS;
    while (used.has(nanos)) nanos = (nanos + 1) % NANOS_PER_MS;
    used.add(nanos);
    given.set(`${bucket} ${id}`, nanos);
    point.nanos = nanos;
  }
  return points.map(({ point }) => point);
}
