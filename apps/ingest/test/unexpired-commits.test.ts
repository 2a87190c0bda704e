import { describe, expect, it } from 'vitest';
import { UnexpiredCommits } from '../src/assistance/unexpired-commits.js';

describe('UnexpiredCommits', () => {
  it('commits before the first message that can still be shown, per partition', () => {
    const commits = new UnexpiredCommits();
    expect(commits.commitAt(0, 1_000)).toBeUndefined();
    commits.read(0, 10n, 0); // unreadable: never shown
    commits.read(0, 11n, 2_000);
    commits.read(0, 12n, 5_000);
    commits.read(1, 7n, 500);
    expect(commits.commitAt(0, 1_000)).toBe(11n);
    expect(commits.commitAt(1, 1_000)).toBe(8n);
    // Once they expire, the commit moves past them.
    expect(commits.commitAt(0, 2_000)).toBe(12n);
    expect(commits.commitAt(0, 5_000)).toBe(13n);
  });
});
