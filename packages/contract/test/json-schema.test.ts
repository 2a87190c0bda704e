import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractJsonSchemas, EVENT_TYPES } from '../src/index.js';

const dir = join(import.meta.dirname, '..', 'json-schema');

describe('JSON Schema', () => {
  const schemas = contractJsonSchemas();

  it.each(Object.keys(schemas))('%s is up to date (npm run json-schema)', (file) => {
    const committed: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    expect(committed).toEqual(schemas[file]);
  });

  it('describes one alternative per event type, each with the size limits', () => {
    const schema = schemas['client-event.schema.json'] as {
      oneOf: { properties: { type: { const: string }; url: { maxLength: number } } }[];
    };
    expect(schema.oneOf.map((option) => option.properties.type.const)).toEqual(EVENT_TYPES);
    for (const option of schema.oneOf) expect(option.properties.url.maxLength).toBe(2048);
  });
});
