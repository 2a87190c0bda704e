import { alertRule, CONTRACT_VERSION, type AlertEvent } from '@sightline/contract';
import { describe, expect, it } from 'vitest';
import { mergeAlerts } from '../app/ui/alert-states.js';
import { publicChannel } from '../server/alerts/public-channel.js';
import { seriesField } from '../server/alerts/series-field.js';

const rule = (fields: Record<string, unknown>) =>
  alertRule.parse({
    id: 'r',
    site: 'shop',
    name: 'R',
    metric: 'pageviews',
    windowMinutes: 5,
    condition: { kind: 'above', threshold: 1 },
    ...fields,
  });

describe('alerts in the admin app', () => {
  it('never sends back a webhook secret or the path of its address', () => {
    const shown = publicChannel({
      id: 'ops',
      name: 'Ops',
      type: 'webhook',
      url: 'https://hooks.chat.example/services/T000/B000/tokentoken?x=1',
      secret: 'a-secret-of-some-length',
    });
    expect(shown).toEqual({
      id: 'ops',
      name: 'Ops',
      type: 'webhook',
      urlHint: 'https://hooks.chat.example/…',
      hasSecret: true,
    });
    expect(JSON.stringify(shown)).not.toMatch(/secret-of|token|T000/);
    const mail = { id: 'team', name: 'Team', type: 'email' as const, to: ['a@example.com'] };
    expect(publicChannel(mail)).toEqual(mail);
  });

  it('previews from the metrics store when it has the field, from windows or hits otherwise', () => {
    expect(seriesField(rule({}))).toBe('pageviews');
    expect(seriesField(rule({ metric: 'js_errors' }))).toBe('type_js_error');
    expect(seriesField(rule({ metric: 'events', filter: { type: 'click' } }))).toBe('type_click');
    expect(seriesField(rule({ metric: 'revenue', filter: { currency: 'EUR' } }))).toBe(
      'revenue_EUR',
    );
    expect(seriesField(rule({ filter: { path: '/checkout' } }))).toBeUndefined();
    expect(seriesField(rule({ metric: 'revenue' }))).toBeUndefined();
    expect(seriesField(rule({ metric: 'profile_hits' }))).toBeUndefined();
  });

  it('keeps each alert in its latest state as live messages arrive, newest first', () => {
    const alert = (id: string, firedAt: number, state: AlertEvent['state']): AlertEvent => ({
      v: CONTRACT_VERSION,
      id,
      site: 'shop',
      ruleId: id,
      ruleName: id,
      state,
      metric: 'pageviews',
      condition: { kind: 'above', threshold: 1 },
      windowMinutes: 1,
      channels: [],
      value: 2,
      firedAt,
      at: firedAt,
    });
    const merged = mergeAlerts(
      [alert('a', 1, 'firing'), alert('b', 2, 'resolved')],
      [alert('a', 1, 'resolved'), alert('b', 2, 'firing'), alert('c', 3, 'firing')],
    );
    expect(merged.map((a) => [a.id, a.state])).toEqual([
      ['c', 'firing'],
      ['b', 'resolved'],
      ['a', 'resolved'],
    ]);
  });
});
