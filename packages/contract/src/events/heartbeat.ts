import { z } from 'zod';
import { envelopeShape } from '../envelope.js';

const interval = z.int().min(0).max(3_600_000);

/**
 * Sent while the page is visible. Durations are increments since the previous heartbeat of the
 * same page view, so summing them gives visible and active time without double counting.
 */
export const heartbeat = z.object({
  ...envelopeShape,
  type: z.literal('heartbeat'),
  visibleMs: interval,
  /** Time with input (pointer, keys, scroll) in the interval: engaged, not merely open. */
  activeMs: interval,
});
