import { z } from 'zod';
import { envelopeShape } from '../envelope.js';
import { LIMITS } from '../limits.js';
import { pixel, text, url } from '../primitives.js';

/** An image came into view (once per image per page view). */
export const imageView = z.object({
  ...envelopeShape,
  type: z.literal('image_view'),
  src: url,
  alt: text(LIMITS.textLength).optional(),
  elementId: text(LIMITS.elementIdLength).optional(),
  width: pixel.optional(),
  height: pixel.optional(),
});
