import { z } from 'zod';
import { EVENT_TYPES } from '../event.js';
import { currency } from '../events/ecommerce.js';
import { siteKey } from '../primitives.js';
import { pathPattern, profileId } from './profile.js';

/** Ids of alert rules and notification channels: readable, safe in URLs and message keys. */
export const alertRuleId = profileId;
export const channelId = profileId;

/**
 * What a rule watches, read from the processor's 10-second windows (and, for `profile_hits`,
 * the assistant's hits). Counts are summed over the rule's window; `visitors` is the average
 * number of distinct visitors per 10 seconds in it.
 */
export const ALERT_METRICS = [
  'pageviews',
  'visitors',
  'new_visitors',
  'sessions',
  'events',
  'js_errors',
  'purchases',
  'revenue',
  'bounces',
  'bots',
  'profile_hits',
] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

/** Metrics a path filter applies to (the windows count events per path and type). */
export const PATH_METRICS: readonly AlertMetric[] = ['pageviews', 'events', 'js_errors'];

export const alertCondition = z.discriminatedUnion('kind', [
  /** The window's value is above (or below) the threshold. */
  z.object({ kind: z.literal('above'), threshold: z.number().min(0).max(1e12) }),
  z.object({ kind: z.literal('below'), threshold: z.number().min(0).max(1e12) }),
  /**
   * The window's value changed by at least `percent` against the window before it or the same
   * window a week earlier (a base of 0 gives no comparison and never fires).
   */
  z.object({
    kind: z.literal('change'),
    direction: z.enum(['up', 'down', 'either']),
    percent: z.number().positive().max(100_000),
    against: z.enum(['previous_window', 'last_week']),
  }),
  /** Nothing counted in the whole window: the site (or the filtered part) went quiet. */
  z.object({ kind: z.literal('no_data') }),
]);
export type AlertCondition = z.infer<typeof alertCondition>;

/**
 * An alert rule of a site: a metric with a filter, summed over a window of 1–60 minutes and
 * evaluated every 10 seconds against a condition that must hold for `forMinutes` before the
 * rule fires; then it stays quiet for `cooldownMinutes` after a fire; with `autoResolve` it
 * resolves once the condition no longer holds, otherwise an owner resolves it.
 */
export const alertRule = z
  .object({
    id: alertRuleId,
    site: siteKey,
    name: z.string().trim().min(1).max(120),
    enabled: z.boolean().default(true),
    metric: z.enum(ALERT_METRICS),
    filter: z
      .object({
        /** Path pattern (`*` within a segment, `**` across) for page views, events and errors. */
        path: pathPattern.optional(),
        /** Event type, for `events`. */
        type: z.enum(EVENT_TYPES).optional(),
        /** Profile, for `profile_hits`. */
        profileId: profileId.optional(),
        /** Currency, for `revenue` (without it, every currency's amounts are added). */
        currency: currency.optional(),
      })
      .strict()
      .default({}),
    windowMinutes: z.int().min(1).max(60),
    condition: alertCondition,
    forMinutes: z.int().min(0).max(60).default(0),
    cooldownMinutes: z.int().min(0).max(1_440).default(15),
    autoResolve: z.boolean().default(true),
    /** Notification channels (besides the admin app, which always shows alerts). */
    channels: z.array(channelId).max(10).default([]),
  })
  .superRefine((rule, ctx) => {
    const misplaced = (field: keyof typeof rule.filter, message: string) =>
      ctx.addIssue({ code: 'custom', path: ['filter', field], message });
    if (rule.filter.path !== undefined && !PATH_METRICS.includes(rule.metric))
      misplaced('path', 'a path filter applies to page views, events and JS errors');
    if (rule.filter.type !== undefined && rule.metric !== 'events')
      misplaced('type', 'an event type filter applies to the events metric');
    if (rule.filter.profileId !== undefined && rule.metric !== 'profile_hits')
      misplaced('profileId', 'a profile filter applies to profile hits');
    if (rule.filter.currency !== undefined && rule.metric !== 'revenue')
      misplaced('currency', 'a currency filter applies to revenue');
    if (new Set(rule.channels).size !== rule.channels.length)
      ctx.addIssue({ code: 'custom', path: ['channels'], message: 'a channel is listed twice' });
  });

export type AlertRule = z.infer<typeof alertRule>;
export type AlertRuleInput = z.input<typeof alertRule>;
