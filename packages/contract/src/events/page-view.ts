import { z } from 'zod';
import { envelopeShape } from '../envelope.js';

/** A page was shown: a full load, or an SPA navigation (history API or hash change). */
export const pageView = z.object({
  ...envelopeShape,
  type: z.literal('pageview'),
  /** True for navigations inside a single-page app (no document load). */
  spa: z.boolean().optional(),
  /** True on the visitor's first page view ever on this site (first-visit flag). */
  first: z.boolean().optional(),
});
