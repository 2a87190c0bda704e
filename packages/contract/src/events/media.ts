import { z } from 'zod';
import { envelopeShape } from '../envelope.js';
import { LIMITS } from '../limits.js';
import { text, url } from '../primitives.js';

const mediaShape = {
  ...envelopeShape,
  kind: z.enum(['video', 'audio']),
  src: url.optional(),
  mediaId: text(LIMITS.elementIdLength).optional(),
  /** Playback position and total length, in seconds. */
  position: z.number().min(0).max(1e7).optional(),
  duration: z.number().min(0).max(1e7).optional(),
} as const;

export const mediaPlay = z.object({ ...mediaShape, type: z.literal('media_play') });
export const mediaPause = z.object({ ...mediaShape, type: z.literal('media_pause') });
export const mediaComplete = z.object({ ...mediaShape, type: z.literal('media_complete') });
