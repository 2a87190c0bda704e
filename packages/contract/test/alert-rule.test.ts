import { describe, expect, it } from 'vitest';
import { alertChannel, alertRule, formatIssues } from '../src/index.js';

const errorsPerMinute = {
  id: 'errors-per-minute',
  site: 'shop',
  name: 'More than 5 errors a minute',
  metric: 'js_errors',
  windowMinutes: 1,
  condition: { kind: 'above', threshold: 5 },
};

describe('alert rules', () => {
  it('take "errors per minute > 5" with defaults filled in', () => {
    expect(alertRule.parse(errorsPerMinute)).toEqual({
      ...errorsPerMinute,
      enabled: true,
      filter: {},
      forMinutes: 0,
      cooldownMinutes: 15,
      autoResolve: true,
      channels: [],
    });
  });

  it('take a traffic drop against the same time last week', () => {
    const rule = alertRule.parse({
      ...errorsPerMinute,
      id: 'traffic-drop',
      metric: 'pageviews',
      windowMinutes: 30,
      condition: { kind: 'change', direction: 'down', percent: 50, against: 'last_week' },
      forMinutes: 10,
    });
    expect(rule.condition).toEqual({
      kind: 'change',
      direction: 'down',
      percent: 50,
      against: 'last_week',
    });
  });

  it('refuse windows outside 1–60 minutes and filters that do not apply to the metric', () => {
    for (const windowMinutes of [0, 61, 1.5])
      expect(alertRule.safeParse({ ...errorsPerMinute, windowMinutes }).success).toBe(false);
    const wrong = alertRule.safeParse({
      ...errorsPerMinute,
      metric: 'visitors',
      filter: { path: '/checkout', type: 'click', profileId: 'buyer', currency: 'EUR' },
    });
    expect(wrong.success).toBe(false);
    const fields = formatIssues(wrong.error!).map((issue) => issue.path);
    expect(fields).toEqual(
      expect.arrayContaining(['filter.path', 'filter.type', 'filter.profileId', 'filter.currency']),
    );
    expect(
      alertRule.safeParse({
        ...errorsPerMinute,
        metric: 'events',
        filter: { path: '/checkout/**', type: 'click' },
      }).success,
    ).toBe(true);
  });

  it('refuse unknown conditions, negative thresholds and a channel listed twice', () => {
    expect(
      alertRule.safeParse({ ...errorsPerMinute, condition: { kind: 'equals', threshold: 1 } })
        .success,
    ).toBe(false);
    expect(
      alertRule.safeParse({ ...errorsPerMinute, condition: { kind: 'above', threshold: -1 } })
        .success,
    ).toBe(false);
    expect(alertRule.safeParse({ ...errorsPerMinute, channels: ['ops', 'ops'] }).success).toBe(
      false,
    );
  });
});

describe('alert channels', () => {
  it('need an http(s) webhook URL and a secret of at least 16 characters', () => {
    const webhook = { id: 'ops', name: 'Ops', type: 'webhook', secret: 'x'.repeat(16) };
    expect(alertChannel.safeParse({ ...webhook, url: 'https://example.com/hook' }).success).toBe(
      true,
    );
    expect(alertChannel.safeParse({ ...webhook, url: 'javascript:alert(1)' }).success).toBe(false);
    expect(
      alertChannel.safeParse({ ...webhook, url: 'https://example.com', secret: 'short' }).success,
    ).toBe(false);
  });

  it('need at least one valid recipient for e-mail', () => {
    const mail = { id: 'team', name: 'Team', type: 'email' };
    expect(alertChannel.safeParse({ ...mail, to: ['Ops@Example.com'] }).data).toEqual({
      ...mail,
      to: ['ops@example.com'],
    });
    expect(alertChannel.safeParse({ ...mail, to: [] }).success).toBe(false);
    expect(alertChannel.safeParse({ ...mail, to: ['not-an-address'] }).success).toBe(false);
  });
});
