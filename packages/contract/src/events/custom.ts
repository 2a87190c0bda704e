import { z } from 'zod';
import { envelopeShape } from '../envelope.js';
import { LIMITS } from '../limits.js';
import { properties, text } from '../primitives.js';

/** An event the site defines: `sightline('event', name, props)` or a `data-sightline-event` click. */
export const custom = z.object({
  ...envelopeShape,
  type: z.literal('custom'),
  name: text(LIMITS.eventNameLength).min(1),
  props: properties.optional(),
});
