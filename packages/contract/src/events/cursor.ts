import { z } from 'zod';
import { envelopeShape } from '../envelope.js';
import { LIMITS } from '../limits.js';
import { pixel } from '../primitives.js';

/** Sampled cursor positions: [x, y, ms after `ts`], in page coordinates. */
export const cursorPoint = z.tuple([pixel, pixel, z.int().min(0).max(3_600_000)]);

export const cursor = z.object({
  ...envelopeShape,
  type: z.literal('cursor'),
  points: z.array(cursorPoint).min(1).max(LIMITS.cursorPoints),
});
