import type { AlertRule, AlertRuleInput } from '@sightline/contract';

/** The editor's fields, as typed (text), for one alert rule. */
export interface RuleForm {
  id: string;
  name: string;
  enabled: boolean;
  metric: AlertRule['metric'];
  path: string;
  type: string;
  profileId: string;
  currency: string;
  windowMinutes: string;
  condition: AlertRule['condition']['kind'];
  threshold: string;
  direction: 'up' | 'down' | 'either';
  percent: string;
  against: 'previous_window' | 'last_week';
  forMinutes: string;
  cooldownMinutes: string;
  autoResolve: boolean;
  channels: string[];
}

export const NEW_RULE: RuleForm = {
  id: '',
  name: '',
  enabled: true,
  metric: 'js_errors',
  path: '',
  type: '',
  profileId: '',
  currency: '',
  windowMinutes: '1',
  condition: 'above',
  threshold: '5',
  direction: 'up',
  percent: '50',
  against: 'previous_window',
  forMinutes: '0',
  cooldownMinutes: '15',
  autoResolve: true,
  channels: [],
};

export function formOf(rule: AlertRule): RuleForm {
  const c = rule.condition;
  return {
    ...NEW_RULE,
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    metric: rule.metric,
    path: rule.filter.path ?? '',
    type: rule.filter.type ?? '',
    profileId: rule.filter.profileId ?? '',
    currency: rule.filter.currency ?? '',
    windowMinutes: String(rule.windowMinutes),
    condition: c.kind,
    ...(c.kind === 'above' || c.kind === 'below' ? { threshold: String(c.threshold) } : {}),
    ...(c.kind === 'change'
      ? { direction: c.direction, percent: String(c.percent), against: c.against }
      : {}),
    forMinutes: String(rule.forMinutes),
    cooldownMinutes: String(rule.cooldownMinutes),
    autoResolve: rule.autoResolve,
    channels: rule.channels,
  };
}

/** The filters that apply to a metric (the server refuses the others). */
export const filtersOf = (metric: AlertRule['metric']) => ({
  path: metric === 'pageviews' || metric === 'events' || metric === 'js_errors',
  type: metric === 'events',
  profileId: metric === 'profile_hits',
  currency: metric === 'revenue',
});

/** The rule as the API takes it (checked there by the contract). */
export function bodyOf(form: RuleForm): Omit<AlertRuleInput, 'id' | 'site'> {
  const applies = filtersOf(form.metric);
  const filter = Object.fromEntries(
    (['path', 'type', 'profileId', 'currency'] as const)
      .filter((field) => applies[field] && form[field].trim() !== '')
      .map((field) => [field, form[field].trim()]),
  );
  const condition: AlertRuleInput['condition'] =
    form.condition === 'above' || form.condition === 'below'
      ? { kind: form.condition, threshold: Number(form.threshold) }
      : form.condition === 'change'
        ? {
            kind: 'change',
            direction: form.direction,
            percent: Number(form.percent),
            against: form.against,
          }
        : { kind: 'no_data' };
  return {
    name: form.name,
    enabled: form.enabled,
    metric: form.metric,
    filter,
    windowMinutes: Number(form.windowMinutes),
    condition,
    forMinutes: Number(form.forMinutes),
    cooldownMinutes: Number(form.cooldownMinutes),
    autoResolve: form.autoResolve,
    channels: form.channels,
  };
}
