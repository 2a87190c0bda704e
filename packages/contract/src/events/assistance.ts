import { z } from 'zod';
import { envelopeShape } from '../envelope.js';
import { opaqueId } from '../primitives.js';

const assistanceShape = {
  ...envelopeShape,
  messageId: opaqueId,
  profileId: opaqueId,
} as const;

/** The assistant's pop-up was shown, clicked (its call to action) or dismissed by the visitor. */
export const assistanceShown = z.object({
  ...assistanceShape,
  type: z.literal('assistance_shown'),
});
export const assistanceClicked = z.object({
  ...assistanceShape,
  type: z.literal('assistance_clicked'),
});
export const assistanceDismissed = z.object({
  ...assistanceShape,
  type: z.literal('assistance_dismissed'),
  /** The visitor asked never to see this profile's message again. */
  never: z.boolean().optional(),
});
