import type { z } from 'zod';

/**
 * A bus message's JSON value checked against `schema`; undefined when it is not JSON or does not
 * match (the caller counts and skips it: one bad message must not stall a reader).
 */
export function readJsonMessage<T>(value: Buffer, schema: z.ZodType<T>): T | undefined {
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
