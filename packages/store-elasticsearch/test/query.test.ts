import { collectedEvent } from '@sightline/contract';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildQuery, EVENT_PROPERTIES, exactField } from '../src/index.js';

describe('Elasticsearch mapping', () => {
  it('maps every field of every collected event explicitly', () => {
    const schema = z.toJSONSchema(collectedEvent) as {
      oneOf: { properties: Record<string, unknown> }[];
    };
    const fields = new Set(schema.oneOf.flatMap((option) => Object.keys(option.properties)));
    const unmapped = [...fields].filter((field) => !Object.hasOwn(EVENT_PROPERTIES, field));
    expect(unmapped).toEqual([]);
  });
});

describe('exactField', () => {
  it('uses the keyword sub-field of full-text fields', () => {
    expect(exactField('title')).toBe('title.raw');
    expect(exactField('path')).toBe('path');
  });

  it('reaches one level into objects', () => {
    expect(exactField('utm.source')).toBe('utm.source');
    expect(exactField('props.plan')).toBe('props.plan');
  });

  it.each([
    'constructor',
    '__proto__',
    'nope',
    'path.deeper',
    'props.a.b',
    'props.a b',
    'utm.',
    '_id',
  ])('refuses %s', (field) => {
    expect(() => exactField(field)).toThrow(/unknown field/);
  });
});

describe('buildQuery', () => {
  const range = { from: 1_000, to: 2_000 };

  it('selects the site and the half-open range, without bots', () => {
    expect(buildQuery({ site: 'shop', range })).toEqual({
      bool: {
        filter: [
          { term: { site: 'shop' } },
          { range: { ts: { gte: 1_000, lt: 2_000, format: 'epoch_millis' } } },
        ],
        must_not: [{ term: { bot: true } }],
      },
    });
  });

  it('turns filters into clauses, negations into must_not', () => {
    const query = buildQuery({
      site: 'shop',
      range,
      includeBots: true,
      filters: [
        { field: 'type', op: 'eq', value: 'click' },
        { field: 'country', op: 'neq', value: 'FR' },
        { field: 'path', op: 'prefix', value: '/blog/' },
        { field: 'props.plan', op: 'exists' },
      ],
    }) as { bool: { filter: unknown[]; must_not: unknown[] } };
    expect(query.bool.filter.slice(2)).toEqual([
      { term: { type: 'click' } },
      { prefix: { path: '/blog/' } },
      { exists: { field: 'props.plan' } },
    ]);
    expect(query.bool.must_not).toEqual([{ term: { country: 'FR' } }]);
  });
});
