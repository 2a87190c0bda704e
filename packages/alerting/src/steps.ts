import { WINDOW_MS } from '@sightline/contract';

/** Rules are evaluated every 10 seconds, at the end of each window. */
export const STEP_MS = WINDOW_MS;
export const MINUTE_MS = 60_000;
export const WEEK_MS = 7 * 24 * 60 * MINUTE_MS;

/** The start of the 10-second bucket holding `ms`. */
export const bucketStart = (ms: number) => Math.floor(ms / STEP_MS) * STEP_MS;

/**
 * The latest step whose window has filled by `now`: the end of the last bucket closed at least
 * `settleMs` ago (the processor publishes an open window about once a second, so a bucket's
 * figures have arrived shortly after it ends).
 */
export const settledStep = (now: number, settleMs: number) => bucketStart(now - settleMs);
