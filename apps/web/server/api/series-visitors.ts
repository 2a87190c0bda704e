import type { TimeBucket, SeriesPoint } from '@sightline/ports';

/**
 * A series whose `visitors` count each visitor once per step. A window knows its distinct
 * visitors for 10 seconds only, so summing windows counts a visitor once per window it was seen
 * in; the raw events' distinct visitors per step replace that sum.
 */
export function withDistinctVisitors(points: SeriesPoint[], buckets: TimeBucket[]): SeriesPoint[] {
  const visitors = new Map(buckets.map((bucket) => [bucket.time, bucket.visitors]));
  return points.map((point) => ({
    time: point.time,
    values: { ...point.values, visitors: visitors.get(point.time) ?? 0 },
  }));
}
