import { describe, expect, it } from 'vitest';
import { stalledPartitions } from '../src/partition/stalled-partitions.js';
import { PartitionWaits } from '../src/partition/partition-waits.js';

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

describe('PartitionWaits', () => {
  const t = 1_000_000;
  const stallMs = 5_000;

  it('keeps the clock of a partition whose batch is handed again and again while a store is down', () => {
    const waits = new PartitionWaits();
    // Each attempt gives up (a rebalance, a rebuilt task) and the bus hands the batch again.
    for (let attempt = 0; attempt < 6; attempt++) {
      waits.batchStarted(0, t + attempt * 2_000);
      waits.batchEnded(0, true);
    }
    waits.batchStarted(0, t + 12_000);
    expect(waits.stalled(stallMs, t + 13_000)).toEqual([{ partition: 0, forMs: 13_000 }]);
    // Kept through a new assignment that keeps the partition here; gone with one that does not.
    waits.held(new Set([0, 1]));
    expect(waits.stalled(stallMs, t + 14_000)).toHaveLength(1);
    waits.held(new Set([1]));
    expect(waits.stalled(stallMs, t + 15_000)).toEqual([]);
  });

  it('starts the clock again when the partition stores, and stops it when nothing waits', () => {
    const waits = new PartitionWaits();
    waits.batchStarted(2, t);
    waits.batchEnded(2, true);
    expect(waits.stalled(stallMs, t + 6_000)).toEqual([{ partition: 2, forMs: 6_000 }]);
    waits.stored(2, true, t + 6_000);
    expect(waits.stalled(stallMs, t + 7_000)).toEqual([]);
    waits.stored(2, false, t + 8_000);
    // Idle for an hour, then a batch: a fresh wait, not an hour-old one.
    waits.batchStarted(2, t + 3_600_000);
    expect(waits.stalled(stallMs, t + 3_601_000)).toEqual([]);
  });

  it('never reports a partition whose batch was taken in and stored whole', () => {
    const waits = new PartitionWaits();
    waits.batchStarted(1, t);
    waits.batchEnded(1, false);
    expect(waits.stalled(stallMs, t + 60_000)).toEqual([]);
  });
});
