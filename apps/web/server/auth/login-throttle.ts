import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Failed sign-ins allowed: 5 per e-mail and address per 15 minutes, 30 per address per hour.
 * Successful ones reset the first. Per process: copies behind a load balancer each allow as much.
 */
export class LoginThrottle {
  private readonly perAccount = new RateLimiterMemory({ points: 5, duration: 15 * 60 });
  private readonly perAddress = new RateLimiterMemory({ points: 30, duration: 60 * 60 });

  /** Seconds to wait before trying again, or 0 when an attempt is allowed. */
  async retryAfter(email: string, ip: string): Promise<number> {
    const [account, address] = await Promise.all([
      this.perAccount.get(`${ip}|${email}`),
      this.perAddress.get(ip),
    ]);
    const blocked = [account, address].filter(
      (r): r is RateLimiterRes => r !== null && r.remainingPoints <= 0,
    );
    return Math.max(0, ...blocked.map((r) => Math.ceil(r.msBeforeNext / 1_000)));
  }

  async failed(email: string, ip: string): Promise<void> {
    await Promise.all([
      this.perAccount.penalty(`${ip}|${email}`, 1),
      this.perAddress.penalty(ip, 1),
    ]);
  }

  async succeeded(email: string, ip: string): Promise<void> {
    await this.perAccount.delete(`${ip}|${email}`);
  }
}
