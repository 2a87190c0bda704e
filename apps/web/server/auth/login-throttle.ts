import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Sign-in attempts allowed: 5 per e-mail and address per 15 minutes, 30 per address per hour. An
 * attempt is reserved before the password is checked, so parallel attempts count at once (a
 * check takes tens of milliseconds: counting after it let a burst through); a successful one
 * gives its reservation back and clears the account's count. Per process: copies behind a load
 * balancer each allow as much.
 */
export class LoginThrottle {
  private readonly perAccount = new RateLimiterMemory({ points: 5, duration: 15 * 60 });
  private readonly perAddress = new RateLimiterMemory({ points: 30, duration: 60 * 60 });

  /** Reserves one attempt: 0 when it may go ahead, else the seconds to wait. */
  async reserve(email: string, ip: string): Promise<number> {
    const account = `${ip}|${email}`;
    const refused = await this.perAccount.consume(account).then(() => undefined, waitOf);
    if (refused !== undefined) return refused;
    const busy = await this.perAddress.consume(ip).then(() => undefined, waitOf);
    if (busy === undefined) return 0;
    await this.perAccount.reward(account, 1);
    return busy;
  }

  /** The attempt succeeded: its reservation is given back and the account's count cleared. */
  async succeeded(email: string, ip: string): Promise<void> {
    await Promise.all([this.perAccount.delete(`${ip}|${email}`), this.perAddress.reward(ip, 1)]);
  }
}

/** Seconds to wait from a limiter's refusal (anything else is a real error). */
function waitOf(refusal: unknown): number {
  if (refusal instanceof RateLimiterRes)
    return Math.max(1, Math.ceil(refusal.msBeforeNext / 1_000));
  throw refusal;
}
