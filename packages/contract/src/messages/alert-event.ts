import { z } from 'zod';
import { ALERT_METRICS, alertCondition, alertRuleId, channelId } from '../config/alert-rule.js';
import { epochMs, siteKey } from '../primitives.js';
import { CONTRACT_VERSION } from '../version.js';

export const ALERT_STATES = ['firing', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/**
 * A rule fired or resolved: on the `alerts` topic (keyed by rule) for the admin app and the
 * notifiers, and kept as the alert's history. An alert's id is its site, rule and the
 * evaluation step it fired at, so the same fire evaluated again (after a restart) has the same
 * id, and its resolution shares it. It carries the rule's channels, so that a resolution still
 * reaches them after the rule was removed.
 */
export const alertEvent = z.object({
  v: z.literal(CONTRACT_VERSION),
  /** `site:ruleId:firedAt`. */
  id: z.string().min(1).max(200),
  site: siteKey,
  ruleId: alertRuleId,
  ruleName: z.string().max(120),
  state: z.enum(ALERT_STATES),
  metric: z.enum(ALERT_METRICS),
  condition: alertCondition,
  windowMinutes: z.int().min(1).max(60),
  /** The window's value that decided, and what it was compared with (for a change). */
  value: z.number(),
  base: z.number().optional(),
  /** On a resolution: the value (and base) that fired it, as `value` is the one that cleared. */
  firedValue: z.number().optional(),
  firedBase: z.number().optional(),
  /** End of the evaluated window when it fired, and when it resolved. */
  firedAt: epochMs,
  resolvedAt: epochMs.optional(),
  /** Who resolved it: the evaluator (the condition cleared) or an owner. */
  resolvedBy: z.enum(['rule', 'owner']).optional(),
  channels: z.array(channelId).max(10).default([]),
  /** A test sent from the admin app, not a real alert. */
  test: z.boolean().optional(),
  /** When this message was made. */
  at: epochMs,
});

export type AlertEvent = z.infer<typeof alertEvent>;

/** The id of the alert a site's rule fired at the end of a window. */
export const alertId = (site: string, ruleId: string, firedAt: number) =>
  `${site}:${ruleId}:${firedAt}`;
