import { describe, expect, it } from 'vitest';
import { stalledPartitions } from '../src/partition/stalled-partitions.js';

describe('stalledPartitions', () => {
  const now = 1_000_000;
  it('names partitions with work waiting that stored nothing for the threshold, oldest first by number', () => {
    expect(
      stalledPartitions(
        [
          { partition: 3, pending: true, movedAt: now - 70_000 },
          { partition: 1, pending: true, movedAt: now - 61_000 },
          { partition: 2, pending: true, movedAt: now - 10_000 },
        ],
        now,
        60_000,
      ),
    ).toEqual([
      { partition: 1, forMs: 61_000 },
      { partition: 3, forMs: 70_000 },
    ]);
  });

  it('never calls an idle partition stalled, however long ago it last stored', () => {
    expect(stalledPartitions([{ partition: 0, pending: false, movedAt: 0 }], now, 60_000)).toEqual(
      [],
    );
  });
});
