import { z } from 'zod';
import { envelopeShape } from '../envelope.js';
import { LIMITS } from '../limits.js';
import { text, url } from '../primitives.js';

/**
 * A form was submitted. Only the form's identity is described — field values never leave the
 * page, and unknown keys are stripped at ingest, so they cannot reach the bus either.
 */
export const formSubmit = z.object({
  ...envelopeShape,
  type: z.literal('form_submit'),
  formId: text(LIMITS.formFieldLength).optional(),
  formName: text(LIMITS.formFieldLength).optional(),
  formAction: url.optional(),
  /** Number of fields in the form (not their content). */
  fields: z.int().min(0).max(10_000).optional(),
});
