import { collectedEvent } from '@sightline/contract';

/** Every top-level field of a collected event, from the shared contract. */
export const EVENT_FIELDS: ReadonlySet<string> = new Set(
  collectedEvent.options.flatMap((option) => Object.keys(option.shape)),
);

/** Objects whose sub-fields can be filtered and grouped: `utm.source`, `props.plan`, `items.id`. */
export const OBJECT_FIELDS: ReadonlySet<string> = new Set(['utm', 'props', 'traits', 'items']);
/** `items` is a list: its sub-fields match when any item matches. */
export const LIST_FIELDS: ReadonlySet<string> = new Set(['items']);

const SAFE_SUB_FIELD = /^[A-Za-z0-9_-]{1,64}$/;

export interface ResolvedField {
  head: string;
  sub?: string;
}

/**
 * A field name of a query checked against the contract: a top-level field, or one level into an
 * object. Throws on anything else, so a query can never reach arbitrary fields or paths.
 */
export function resolveField(field: string): ResolvedField {
  const [head, ...rest] = field.split('.');
  if (head === undefined || !EVENT_FIELDS.has(head)) throw new Error(`unknown field "${field}"`);
  if (rest.length === 0) return { head };
  if (!OBJECT_FIELDS.has(head) || rest.length !== 1 || !SAFE_SUB_FIELD.test(rest[0]!))
    throw new Error(`unknown field "${field}"`);
  return { head, sub: rest[0]! };
}
