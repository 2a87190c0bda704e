import { z } from 'zod';
import { envelopeShape } from '../envelope.js';
import { LIMITS } from '../limits.js';
import { nonNegativeInt, text, url } from '../primitives.js';

/** An uncaught JavaScript error or unhandled promise rejection on the page. */
export const jsError = z.object({
  ...envelopeShape,
  type: z.literal('js_error'),
  message: text(LIMITS.errorMessageLength),
  source: url.optional(),
  line: nonNegativeInt.optional(),
  column: nonNegativeInt.optional(),
  stack: text(LIMITS.errorStackLength).optional(),
});
