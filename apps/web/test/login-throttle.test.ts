import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../server/auth/login-throttle.js';

describe('sign-in throttle', () => {
  it('lets through only five of a hundred attempts made at once on one account', async () => {
    const throttle = new LoginThrottle();
    const waits = await Promise.all(
      Array.from({ length: 100 }, () => throttle.reserve('ada@example.com', '203.0.113.7')),
    );
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
    expect(Math.min(...waits.filter((w) => w > 0))).toBeGreaterThan(0);
  });

  it('gives a successful attempt back, and limits an address across accounts', async () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 10; i++) {
      expect(await throttle.reserve('ada@example.com', '203.0.113.8')).toBe(0);
      await throttle.succeeded('ada@example.com', '203.0.113.8');
    }
    // 30 failures an hour from one address, whichever accounts they try.
    const waits: number[] = [];
    for (let i = 0; i < 40; i++)
      waits.push(await throttle.reserve(`u${i % 8}@example.com`, '203.0.113.9'));
    expect(waits.filter((w) => w === 0)).toHaveLength(30);
  });
});
