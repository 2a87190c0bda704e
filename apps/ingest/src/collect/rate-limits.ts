import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimits {
  /** Resolves when allowed; otherwise the number of seconds to wait. */
  take(ip: string, site: string, events: number): Promise<number | undefined>;
}

/**
 * Floods are refused per client address (requests) and per site (events), each a token bucket
 * refilled every second, with one second of burst on top.
 */
export function createRateLimits(options: {
  ipPerSecond: number;
  sitePerSecond: number;
}): RateLimits {
  const perIp = new RateLimiterMemory({ points: options.ipPerSecond * 2, duration: 2 });
  const perSite = new RateLimiterMemory({ points: options.sitePerSecond * 2, duration: 2 });
  return {
    async take(ip, site, events) {
      try {
        await perIp.consume(ip, 1);
        await perSite.consume(site, Math.max(1, events));
        return undefined;
      } catch (error) {
        if (error instanceof RateLimiterRes)
          return Math.max(1, Math.ceil(error.msBeforeNext / 1_000));
        throw error;
      }
    },
  };
}
