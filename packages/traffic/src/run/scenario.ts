import type { ShopMoment } from '../visits/shop-visit.js';

/**
 * Things that happen to a site now and then, so that its alerts have something to catch: a
 * newsletter that brings a burst of visits, a broken release that makes pages throw errors.
 */
export interface Scenario {
  /** A newsletter goes out this often (ms)… */
  newsletterEveryMs: number;
  /** …and a release breaks the catalogue this often (half a period after each newsletter). */
  outageEveryMs: number;
  /** How long each lasts. */
  lengthMs: number;
  /** Visits arrive this many times faster while a newsletter is fresh. */
  newsletterFactor: number;
}

/** The demo's: a newsletter every 20 minutes, an outage every 30, two minutes each. */
export const DEMO_SCENARIO: Scenario = {
  newsletterEveryMs: 20 * 60_000,
  outageEveryMs: 30 * 60_000,
  lengthMs: 2 * 60_000,
  newsletterFactor: 3,
};

/** What is going on at `time` (epoch ms). */
export function momentAt(time: number, scenario: Scenario): ShopMoment {
  return {
    newsletter: time % scenario.newsletterEveryMs < scenario.lengthMs,
    outage: (time + scenario.outageEveryMs / 2) % scenario.outageEveryMs < scenario.lengthMs,
  };
}
