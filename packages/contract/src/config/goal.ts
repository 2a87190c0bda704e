import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { siteKey } from '../primitives.js';
import { pathPattern, profileId } from './profile.js';

/** Ids of goals and funnels: short, readable, safe in URLs. */
export const goalId = profileId;

const pageTarget = { kind: z.literal('page'), path: pathPattern };
const eventTarget = {
  kind: z.literal('event'),
  event: z.string().trim().min(1).max(LIMITS.eventNameLength),
  props: z
    .record(
      z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and -'),
      z.string().max(256),
    )
    .refine((props) => Object.keys(props).length <= 10, 'at most 10 properties')
    .optional(),
};

/**
 * What a visitor does to reach a goal or a funnel's step. A page visit: a page view whose path
 * matches the pattern (`*` within a segment, `**` across). An event of that name: one of the
 * tracker's types (`purchase`, `form_submit`, `download`…) or a custom event's name, with every
 * listed custom property equal to its value.
 */
export const conversionTarget = z.discriminatedUnion('kind', [
  z.object(pageTarget),
  z.object(eventTarget),
]);

export type ConversionTarget = z.infer<typeof conversionTarget>;

const named = {
  site: siteKey,
  id: goalId,
  name: z.string().trim().min(1).max(120),
};

/** What a site counts as a conversion (see conversionTarget). */
export const goal = z.discriminatedUnion('kind', [
  z.object({ ...named, ...pageTarget }),
  z.object({ ...named, ...eventTarget }),
]);

export type Goal = z.infer<typeof goal>;

/**
 * Steps a visit takes in order (product page → cart → checkout → purchase): each step counts the
 * visits that reached it after reaching the one before, within the same visit.
 */
export const funnel = z.object({
  ...named,
  steps: z.array(conversionTarget).min(2, 'a funnel has 2 steps at least').max(8),
});

export type Funnel = z.infer<typeof funnel>;
