import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RecentIds } from '../src/recent-ids.js';

describe('recent ids', () => {
  it('knows an id it was given, and not one it was not', () => {
    const recent = new RecentIds(4);
    expect(recent.seenOrAdd('a')).toBe(false);
    expect(recent.seenOrAdd('a')).toBe(true);
    expect(recent.seenOrAdd('b')).toBe(false);
  });

  it('forgets the oldest id beyond its capacity, and only that one', () => {
    const recent = new RecentIds(3);
    for (const id of ['a', 'b', 'c', 'd']) recent.seenOrAdd(id);
    expect(recent.seenOrAdd('b')).toBe(true);
    expect(recent.seenOrAdd('d')).toBe(true);
    expect(recent.seenOrAdd('a')).toBe(false); // forgotten, so added again
  });

  it('takes 100,000 distinct ids as new', () => {
    const recent = new RecentIds(128);
    let repeats = 0;
    for (let i = 0; i < 100_000; i++) if (recent.seenOrAdd(randomUUID())) repeats++;
    expect(repeats).toBe(0);
  });
});
