import { resolveField, type EventFilter } from '@sightline/ports';
import { z } from 'zod';
import { GOAL_FIELD } from '../goals/goal-filters.js';

const DAY_MS = 86_400_000;

/**
 * A repeated `filter=field:op:value` (ops eq, neq, prefix, match for path patterns, exists);
 * fields from the contract, and `goal:eq:<id>` / `goal:neq:<id>` for the visitors who reached a
 * goal of the site (or did not), which the routes resolve with the site's goals (goalFilters).
 */
const filter = z.string().transform((text, context): EventFilter | typeof z.NEVER => {
  const [field = '', op = '', ...rest] = text.split(':');
  const value = rest.join(':');
  if (field === GOAL_FIELD) {
    if ((op === 'eq' || op === 'neq') && value) return { field, op, value };
    context.addIssue({ code: 'custom', message: 'a goal filter is goal:eq:<id> or goal:neq:<id>' });
    return z.NEVER;
  }
  try {
    resolveField(field);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
  if (op === 'exists') return { field, op };
  if (op !== 'eq' && op !== 'neq' && op !== 'prefix' && op !== 'match') {
    context.addIssue({
      code: 'custom',
      message: `unknown operator "${op}" (eq, neq, prefix, match, exists)`,
    });
    return z.NEVER;
  }
  return { field, op, value };
});

/** The range (epoch ms; default the last 24 hours, at most 400 days), filters and bots flag. */
export const rangeQuery = z
  .object({
    from: z.coerce.number().int().min(0).optional(),
    to: z.coerce.number().int().min(0).optional(),
    filter: z.union([filter, z.array(filter).max(20)]).optional(),
    bots: z.enum(['true', 'false']).optional(),
  })
  .transform((q, context) => {
    const to = q.to ?? Date.now();
    const from = q.from ?? to - DAY_MS;
    if (from >= to)
      context.addIssue({ code: 'custom', path: ['from'], message: 'from must be before to' });
    if (to - from > 400 * DAY_MS)
      context.addIssue({ code: 'custom', path: ['from'], message: 'at most 400 days' });
    return {
      range: { from, to },
      filters: q.filter === undefined ? [] : Array.isArray(q.filter) ? q.filter : [q.filter],
      includeBots: q.bots === 'true',
    };
  });

/** A step for series: at least the 10-second window, at most a day; about 300 points at most. */
export const stepFor = (range: { from: number; to: number }, asked?: number): number => {
  const least = Math.ceil((range.to - range.from) / 300 / 10_000) * 10_000;
  return Math.min(DAY_MS, Math.max(10_000, least, asked ?? 0));
};
