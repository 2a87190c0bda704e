import { z } from 'zod';
import { envelopeShape } from '../envelope.js';
import { LIMITS } from '../limits.js';
import { pixel, text, url } from '../primitives.js';

/** A click, with its position in page coordinates and a description of the element. */
export const click = z.object({
  ...envelopeShape,
  type: z.literal('click'),
  x: pixel,
  y: pixel,
  /** Page (document) size when clicked, so positions can be normalised for heatmaps. */
  pageWidth: pixel.optional(),
  pageHeight: pixel.optional(),
  tag: text(LIMITS.tagLength),
  elementId: text(LIMITS.elementIdLength).optional(),
  classes: text(LIMITS.classesLength).optional(),
  text: text(LIMITS.textLength).optional(),
  selector: text(LIMITS.selectorLength).optional(),
  href: url.optional(),
});
