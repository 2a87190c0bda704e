import { z } from 'zod';
import { envelopeShape } from '../envelope.js';
import { LIMITS } from '../limits.js';
import { text, url } from '../primitives.js';

/** A link to a file (recognised by its extension) was followed. */
export const download = z.object({
  ...envelopeShape,
  type: z.literal('download'),
  href: url,
  extension: text(LIMITS.extensionLength).optional(),
  text: text(LIMITS.textLength).optional(),
});

/** A link to another site was followed. */
export const outbound = z.object({
  ...envelopeShape,
  type: z.literal('outbound'),
  href: url,
  text: text(LIMITS.textLength).optional(),
});
