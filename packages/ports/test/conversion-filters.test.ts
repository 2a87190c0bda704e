import { describe, expect, it } from 'vitest';
import { targetFilters } from '../src/conversion-filters.js';

const base = { site: 'shop', id: 'g', name: 'G' };

describe('goal and funnel step filters', () => {
  it('reach a page goal by a page view of a matching path', () => {
    expect(targetFilters({ ...base, kind: 'page', path: '/docs/**' })).toEqual([
      { field: 'type', op: 'eq', value: 'pageview' },
      { field: 'path', op: 'match', value: '/docs/**' },
    ]);
  });

  it('reach an event goal by a tracked type, or by a custom event name with its properties', () => {
    expect(targetFilters({ ...base, kind: 'event', event: 'purchase' })).toEqual([
      { field: 'type', op: 'eq', value: 'purchase' },
    ]);
    expect(
      targetFilters({ ...base, kind: 'event', event: 'signup', props: { plan: 'pro' } }),
    ).toEqual([
      { field: 'type', op: 'eq', value: 'custom' },
      { field: 'name', op: 'eq', value: 'signup' },
      { field: 'props.plan', op: 'eq', value: 'pro' },
    ]);
  });
});
