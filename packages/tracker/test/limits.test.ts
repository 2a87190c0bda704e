import { contractJsonSchemas } from '@sightline/contract';
import { describe, expect, it } from 'vitest';
import { bound, limitOf } from '../src/limits.js';

interface Property {
  type?: string;
  maxLength?: number;
  anyOf?: Property[];
}

/** Every top-level string field of every client event, with its contract maximum. */
function contractStringFields(): Map<string, number> {
  const schema = contractJsonSchemas()['client-event.schema.json'] as {
    oneOf: { properties: Record<string, Property> }[];
  };
  const fields = new Map<string, number>();
  for (const option of schema.oneOf) {
    for (const [name, property] of Object.entries(option.properties)) {
      const max = property.maxLength ?? property.anyOf?.find((p) => p.maxLength)?.maxLength;
      if (max !== undefined) fields.set(name, Math.min(max, fields.get(name) ?? Infinity));
    }
  }
  return fields;
}

/** Fields the tracker cuts where it reads them (not in `bound`), or never fills from page data. */
const CUT_AT_SOURCE = new Set(['tag', 'extension']);
/** Filled by the tracker with values that cannot exceed their limit (ids, dimensions, enums). */
const NOT_FROM_PAGE = new Set([
  'visitor',
  'session',
  'page',
  'tab',
  'screen',
  'viewport',
  'messageId',
  'profileId',
  'currency',
]);

describe('tracker limits', () => {
  const fields = contractStringFields();

  it('knows the contract string fields', () => {
    expect(fields.size).toBeGreaterThan(30);
    expect(fields.get('url')).toBe(2048);
  });

  it.each([...fields].filter(([name]) => !CUT_AT_SOURCE.has(name) && !NOT_FROM_PAGE.has(name)))(
    'cuts %s to at most its contract limit (%i)',
    (name, max) => {
      expect(limitOf(name)).toBeLessThanOrEqual(max);
    },
  );

  it('cuts strings, keeps numbers and drops empty fields', () => {
    const event = bound({
      url: 'u'.repeat(5000),
      text: 't'.repeat(500),
      x: 3,
      empty: '',
      none: undefined,
      zero: 0,
    });
    expect((event.url as string).length).toBe(2048);
    expect((event.text as string).length).toBe(128);
    expect(Object.keys(event).sort()).toEqual(['text', 'url', 'x', 'zero']);
  });
});
