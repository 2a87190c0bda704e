import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  collectRequest,
  contractJsonSchemas,
  INT32_MAX,
  LIMITS,
  MAX_EPOCH_MS,
  validateEvents,
  type EventType,
} from '../src/index.js';
import { validExamples } from './examples.js';

const R = '\uFFFD';

/** Text a store refuses, and what the contract makes of it. */
const HOSTILE: [string, string][] = [
  ['a\ud800b', `a${R}b`],
  ['\udfff', R],
  ['\ud800a\udc00', `${R}a${R}`],
  ['a\u0000b', `a${R}b`],
  ['\u0001\u0008\u000b\u000c\u001f', R.repeat(5)],
  ['\ufffe\uffff', `${R}${R}`],
];

interface StringField {
  /** Dotted path, as validation issues name it. */
  path: string;
  /** A pattern, format, enum or constant: such a field is refused rather than repaired. */
  strict: boolean;
}

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
};

/** Every string field of an event type, from the published schema (nothing left out by hand). */
function stringFields(schema: JsonSchema, prefix = ''): StringField[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, field]) => {
    const path = `${prefix}${name}`;
    if (field.type === 'string') {
      const strict = [field.pattern, field.format, field.enum, field.const].some(
        (facet) => facet !== undefined,
      );
      return [{ path, strict }];
    }
    if (field.type === 'array' && field.items?.type === 'object')
      return stringFields(field.items, `${path}.0.`);
    if (field.type === 'object' && typeof field.additionalProperties === 'object')
      return [{ path: `${path}.k`, strict: false }];
    return [];
  });
}

const options = (
  contractJsonSchemas()['client-event.schema.json'] as {
    oneOf: (JsonSchema & { properties: { type: { const: EventType } } })[];
  }
).oneOf;

function withField(type: EventType, path: string, value: string): Record<string, unknown> {
  const event = structuredClone({ ...validExamples[type], id: randomUUID() }) as Record<
    string,
    unknown
  >;
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) event[head!] = value;
  else if (rest[0] === '0') {
    const items = (event[head!] as Record<string, unknown>[] | undefined) ?? [{ id: 'item-1' }];
    event[head!] = [{ ...items[0], [rest[1]!]: value }];
  } else event[head!] = { ...(event[head!] as object), [rest[0]!]: value };
  return event;
}

function read(event: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], event);
}

/** True when the value serialises to UTF-8 and back unchanged (no lone surrogate anywhere). */
const wellFormed = (value: unknown) => {
  const json = JSON.stringify(value);
  return Buffer.from(json, 'utf8').toString('utf8') === json;
};

describe('strings a store would refuse, in every field of every event type', () => {
  const types = options.map((option) => ({
    type: option.properties.type.const,
    fields: stringFields(option),
  }));
  const named = types.flatMap(({ type, fields }) => fields.map(({ path }) => `${type}:${path}`));
  for (const nested of ['custom:props.k', 'identify:traits.k', 'purchase:items.0.name'])
    if (!named.includes(nested)) throw new Error(`the schema walk misses ${nested}`);

  it.each(types)(
    '$type: repaired, or refused with the path where a pattern makes repair meaningless',
    ({ type, fields }) => {
      for (const { path, strict } of fields)
        for (const [hostile, repaired] of HOSTILE) {
          const what = `${JSON.stringify(hostile)} in ${path}`;
          const result = validateEvents([withField(type, path, hostile)]);
          if (strict) {
            // Ids, currencies, enums: a repaired value would be another value. Refused.
            expect(result.accepted, what).toEqual([]);
            expect(
              result.rejected[0]?.issues.map((issue) => issue.path),
              what,
            ).toContain(path);
          } else {
            expect(result.rejected, what).toEqual([]);
            expect(read(result.accepted[0], path), what).toBe(repaired);
            expect(wellFormed(result.accepted[0]), what).toBe(true);
          }
        }
    },
  );

  it('repairs property keys too, and keeps every finite number (each store takes them)', () => {
    const event = {
      ...validExamples.custom,
      id: randomUUID(),
      props: { 'a\u0000': 1, '\udc00': 'x', 'b\ud800c': true },
    };
    const [accepted] = validateEvents([event]).accepted;
    expect(accepted).toMatchObject({ props: { [`a${R}`]: 1, [R]: 'x', [`b${R}c`]: true } });
    const props = { big: 1e308, small: -1e308, tiny: 5e-324, zero: -0, huge: 2 ** 64 };
    const numbers = validateEvents([{ ...validExamples.custom, id: randomUUID(), props }]);
    expect(numbers.rejected).toEqual([]);
  });

  it('repairs strings at their length limit and keeps them within it', () => {
    const title = `${'x'.repeat(LIMITS.titleLength - 2)}\ud800\u0000`;
    const [accepted] = validateEvents([
      { ...validExamples.pageview, id: randomUUID(), title },
    ]).accepted;
    expect(accepted?.title).toHaveLength(LIMITS.titleLength);
    expect(accepted?.title?.endsWith(`${R}${R}`)).toBe(true);
  });

  it('measures a repaired event again: it is refused when the repair takes it over the byte limit', () => {
    // "\b" is 2 bytes of JSON, U+FFFD is 3 in UTF-8: under the limit as sent, over it repaired.
    const props = Object.fromEntries(
      Array.from({ length: 15 }, (_, i) => [`k${i}`, '\b'.repeat(LIMITS.propertyValueLength)]),
    );
    const event = { ...validExamples.custom, id: randomUUID(), props };
    expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThan(LIMITS.eventBytes);
    // Even when the request's size says no event of it can be over the limit.
    const result = validateEvents([event], LIMITS.eventBytes);
    expect(result.accepted).toEqual([]);
    expect(result.rejected[0]?.reason).toBe('event_too_large');
  });

  it('judges the size of the event as repaired, as it goes on', () => {
    // A lone surrogate is 6 bytes of escaped JSON, U+FFFD 3 bytes of UTF-8.
    const event = (count: number) => ({
      ...validExamples.custom,
      id: randomUUID(),
      props: Object.fromEntries(
        Array.from({ length: count }, (_, i) => [
          `k${i}`,
          '\ud800'.repeat(LIMITS.propertyValueLength),
        ]),
      ),
    });
    const fits = event(8);
    expect(Buffer.byteLength(JSON.stringify(fits))).toBeGreaterThan(LIMITS.eventBytes);
    const result = validateEvents([fits, event(12)]);
    expect(result.accepted).toHaveLength(1);
    expect(Buffer.byteLength(JSON.stringify(result.accepted[0]))).toBeLessThanOrEqual(
      LIMITS.eventBytes,
    );
    expect(result.rejected).toEqual([
      expect.objectContaining({ index: 1, reason: 'event_too_large' }),
    ]);
  });
});

describe('numbers a store would refuse', () => {
  // Elasticsearch maps these as `integer` (32 bits): a bigger value fails the whole document.
  it.each([
    ['js_error', 'line'],
    ['js_error', 'column'],
    ['scroll', 'reversals'],
    ['pageview', 'seq'],
  ] as const)('refuses %s.%s over the 32-bit range, with its path', (type, field) => {
    const ok = validateEvents([{ ...validExamples[type], id: randomUUID(), [field]: INT32_MAX }]);
    expect(ok.rejected).toEqual([]);
    for (const value of [INT32_MAX + 1, 2 ** 53 - 1]) {
      const result = validateEvents([{ ...validExamples[type], id: randomUUID(), [field]: value }]);
      expect(result.rejected[0]?.issues.map((issue) => issue.path)).toEqual([field]);
    }
  });

  it('refuses times past year 9999 (a JavaScript Date and ISO dates end there), with the path', () => {
    const late = validateEvents([
      { ...validExamples.pageview, id: randomUUID(), ts: MAX_EPOCH_MS + 1 },
      { ...validExamples.pageview, id: randomUUID(), ts: 2 ** 53 - 1 },
    ]);
    expect(late.rejected.map((r) => r.issues[0]?.path)).toEqual(['ts', 'ts']);
  });
});

describe('the batch envelope', () => {
  const event = { ...validExamples.pageview, id: randomUUID() };
  const paths = (body: object) =>
    collectRequest.safeParse(body).error?.issues.map((issue) => issue.path.join('.'));

  it('refuses a sentAt past year 9999 and a site key that is not valid text, with their paths', () => {
    expect(paths({ site: 'shop', sentAt: 2 ** 53 - 1, events: [event] })).toEqual(['sentAt']);
    // A site key has a strict pattern: broken text in it is refused, not repaired.
    for (const site of ['sh\ud800op', 'shop\u0000', '\uffff'])
      expect(paths({ site, events: [event] })).toEqual(['site']);
  });
});

describe('a rule of the caller', () => {
  it('refuses the events it names alone, with its reason and path', () => {
    const events = [0, 1, 2].map((i) => ({ ...validExamples.pageview, id: randomUUID(), ts: i }));
    const result = validateEvents(events, undefined, (event) =>
      event.ts === 1
        ? { reason: 'event_too_old', issues: [{ path: 'ts', message: 'too old' }] }
        : undefined,
    );
    expect(result.accepted.map((event) => event.ts)).toEqual([0, 2]);
    expect(result.rejected).toEqual([
      {
        index: 1,
        id: events[1]!.id,
        reason: 'event_too_old',
        issues: [{ path: 'ts', message: 'too old' }],
      },
    ]);
  });
});
