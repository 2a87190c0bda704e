import { formatIssues } from '@sightline/contract';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';

/** The body checked against `schema`; on failure answers 400 with each issue and returns undefined. */
export function parseBody<T>(
  schema: z.ZodType<T>,
  body: unknown,
  reply: FastifyReply,
): T | undefined {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  void reply.code(400).send({
    error: 'invalid_request',
    message: 'the request does not match the schema',
    issues: formatIssues(parsed.error),
  });
  return undefined;
}
