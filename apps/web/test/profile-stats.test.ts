import { describe, expect, it } from 'vitest';
import { profileHitFixture } from '../../../test/stores/hit-store-contract.js';
import {
  goalPath,
  hitStatus,
  profileStats,
  reactionsByMessage,
  uplift,
} from '../server/profiles/profile-stats.js';

const hit = (visitor: string, outcome: 'sent' | 'holdout' | 'suppressed', eventTs = 1_000) => ({
  ...profileHitFixture(visitor, 'buyer', eventTs + 5),
  eventTs,
  outcome,
  ...(outcome === 'suppressed' ? { reason: 'cooldown' as const } : {}),
});

describe('profile statistics', () => {
  it('follows each message from sent to shown, clicked or dismissed', () => {
    const reactions = reactionsByMessage([
      { type: 'assistance_shown', messageId: 'm-a' },
      { type: 'assistance_clicked', messageId: 'm-a' },
      { type: 'assistance_shown', messageId: 'm-b' },
      { type: 'assistance_shown', messageId: 'm-c' },
      { type: 'assistance_dismissed', messageId: 'm-c' },
    ]);
    expect(['a', 'b', 'c', 'd'].map((v) => hitStatus(hit(v, 'sent'), reactions))).toEqual([
      'clicked',
      'shown',
      'dismissed',
      'sent',
    ]);
    expect(hitStatus(hit('e', 'holdout'), reactions)).toBe('holdout');
    const stats = profileStats(
      'buyer',
      [
        hit('a', 'sent'),
        hit('b', 'sent'),
        hit('c', 'sent'),
        hit('e', 'holdout'),
        hit('f', 'suppressed'),
      ],
      reactions,
    );
    expect(stats).toMatchObject({
      hits: 5,
      visitors: 5,
      sent: 3,
      holdout: 1,
      suppressed: { cooldown: 1 },
      shown: 3,
      clicked: 1,
      dismissed: 1,
    });
    expect(stats.conversion).toBeUndefined();
  });

  it('compares goal conversion of messaged visitors with the holdout, first hit per visitor', () => {
    const hits = [
      hit('a', 'sent', 100),
      hit('a', 'sent', 500), // a's second hit does not count again
      hit('b', 'sent', 100),
      hit('c', 'sent', 100),
      hit('d', 'sent', 100),
      hit('x', 'holdout', 100),
      hit('y', 'holdout', 100),
      hit('z', 'suppressed', 100),
    ];
    const visits = [
      { visitor: 'a', ts: 200 },
      { visitor: 'b', ts: 300 },
      { visitor: 'c', ts: 50 }, // before the hit: not a conversion
      { visitor: 'x', ts: 400 },
      { visitor: 'z', ts: 400 },
    ];
    const stats = profileStats('buyer', hits, new Map(), { path: '/apply', visits });
    expect(stats.conversion).toMatchObject({
      goal: '/apply',
      sent: { visitors: 4, converted: 2 },
      holdout: { visitors: 2, converted: 1 },
    });
    expect(stats.conversion!.uplift!.value).toBeCloseTo(0, 12);
    expect(stats.conversion!.uplift!.low).toBeLessThan(0);
    expect(stats.conversion!.uplift!.high).toBeGreaterThan(0);
  });

  it('gives the difference of rates with a 95% interval, none without a group', () => {
    const u = uplift({ visitors: 1_000, converted: 300 }, { visitors: 1_000, converted: 200 })!;
    expect(u.value).toBeCloseTo(0.1, 12);
    // √(.3·.7/1000 + .2·.8/1000) · 1.96 ≈ 0.0377
    expect(u.high - u.value).toBeCloseTo(0.0377, 3);
    expect(u.value - u.low).toBeCloseTo(u.high - u.value, 12);
    expect(uplift({ visitors: 5, converted: 1 }, { visitors: 0, converted: 0 })).toBeUndefined();
  });

  it("takes the goal from the message's link, relative to the site or whole", () => {
    expect(goalPath({ url: '/admissions/videos.html' })).toBe('/admissions/videos.html');
    expect(goalPath({ url: 'https://shop.example/help/checkout?from=bot' })).toBe('/help/checkout');
    expect(goalPath({ url: 'videos.html' })).toBe('/videos.html');
    expect(goalPath(undefined)).toBeUndefined();
  });
});
