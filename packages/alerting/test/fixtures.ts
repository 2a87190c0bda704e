import {
  alertRule,
  emptyWindowMetrics,
  type AlertRuleInput,
  type WindowMetrics,
} from '@sightline/contract';

/** A rule with the contract's defaults; the fields given replace them. */
export const rule = (fields: Partial<AlertRuleInput> = {}) =>
  alertRule.parse({
    id: 'errors-per-minute',
    site: 'shop',
    name: 'Errors per minute',
    metric: 'js_errors',
    windowMinutes: 1,
    condition: { kind: 'above', threshold: 5 },
    cooldownMinutes: 0,
    ...fields,
  });

/** Window metrics with the counts given. */
export const metrics = (fields: Partial<WindowMetrics> = {}): WindowMetrics => ({
  ...emptyWindowMetrics(),
  ...fields,
});

/** Window metrics of `errors` JS errors (on /checkout) and `views` page views (on /). */
export const traffic = (views: number, errors = 0): WindowMetrics =>
  metrics({
    events: views + errors,
    pageviews: views,
    types: { pageview: views, js_error: errors },
    pathTypes: {
      ...(views > 0 ? { '/': { pageview: views } } : {}),
      ...(errors > 0 ? { '/checkout': { js_error: errors } } : {}),
    },
  });

export const T0 = 1_800_000_000_000;
