import { describe, expect, it } from 'vitest';
import { describeCondition } from '@sightline/alerting';
import { alertPayload, alertSummary } from '../src/index.js';
import { firing } from './fixtures.js';

describe('alert texts', () => {
  it('say what fired, where, with the value and the condition', () => {
    expect(alertSummary(firing())).toBe(
      'FIRING: Errors per minute on shop — JavaScript errors 12 over 1 min (above 5)',
    );
    expect(
      alertSummary(
        firing({
          state: 'resolved',
          metric: 'pageviews',
          value: 40,
          base: 100,
          condition: { kind: 'change', direction: 'down', percent: 50, against: 'last_week' },
        }),
      ),
    ).toBe(
      'RESOLVED: Errors per minute on shop — page views 40, was 100 over 1 min (down 50% against the same time last week)',
    );
    expect(describeCondition({ kind: 'no_data' })).toBe('no data');
    expect(alertPayload(firing({ test: true }), 'https://admin.example/').type).toBe('alert.test');
    expect(alertPayload(firing(), 'https://admin.example/').link).toBe(
      'https://admin.example/sites/shop/alerts',
    );
  });
});
