import { z } from 'zod';
import { envelopeShape } from '../envelope.js';
import { LIMITS } from '../limits.js';
import { properties, text } from '../primitives.js';

/** Links the anonymous visitor to the site's own user id, with traits (a users table row). */
export const identify = z.object({
  ...envelopeShape,
  type: z.literal('identify'),
  userId: text(LIMITS.userIdLength).min(1),
  traits: properties.optional(),
});
