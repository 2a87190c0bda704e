import { z } from 'zod';
import { envelopeShape } from '../envelope.js';
import { nonNegativeInt } from '../primitives.js';

/** Scroll progress of a page view: sent on milestones and on direction reversals. */
export const scroll = z.object({
  ...envelopeShape,
  type: z.literal('scroll'),
  /** Deepest point reached so far, in percent of the page height. */
  depth: z.int().min(0).max(100),
  /** The milestone just crossed (25, 50, 75, 100), if this event marks one. */
  milestone: z.union([z.literal(25), z.literal(50), z.literal(75), z.literal(100)]).optional(),
  direction: z.enum(['up', 'down']),
  /** Direction reversals on this page view so far (a sign of searching). */
  reversals: nonNegativeInt.optional(),
});
