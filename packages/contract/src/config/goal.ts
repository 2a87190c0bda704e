import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { siteKey } from '../primitives.js';
import { pathPattern, profileId } from './profile.js';

/** Ids of goals: short, readable, safe in URLs. */
export const goalId = profileId;

const named = {
  site: siteKey,
  id: goalId,
  name: z.string().trim().min(1).max(120),
};

/**
 * What a site counts as a conversion. A page goal is reached by a page view whose path matches
 * its pattern (`*` within a segment, `**` across). An event goal by an event of that name: one
 * of the tracker's types (`purchase`, `form_submit`, `download`…) or a custom event's name, with
 * every listed custom property equal to its value.
 */
export const goal = z.discriminatedUnion('kind', [
  z.object({ ...named, kind: z.literal('page'), path: pathPattern }),
  z.object({
    ...named,
    kind: z.literal('event'),
    event: z.string().trim().min(1).max(LIMITS.eventNameLength),
    props: z
      .record(
        z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and -'),
        z.string().max(256),
      )
      .refine((props) => Object.keys(props).length <= 10, 'at most 10 properties')
      .optional(),
  }),
]);

export type Goal = z.infer<typeof goal>;
