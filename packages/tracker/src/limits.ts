import type { LIMITS } from '@sightline/contract/limits';

/**
 * The contract's limits, inlined by the build (esbuild `define`) so the tracker agrees with
 * ingest without shipping the whole table.
 */
declare global {
  const SL_LIMITS: typeof LIMITS;
}

/** Addresses and stacks may be long; error messages and titles less so. */
const ADDRESS = /url|ref|src|action|source|stack/;
const PROSE = /message|title/;

/**
 * The length the tracker cuts a string field to: never above the field's contract limit (a unit
 * test checks every field against the contract's JSON Schema). Names that are not text
 * (`tag`, `extension`) are cut where they are read.
 */
export const limitOf = (field: string): number =>
  field === 'name'
    ? SL_LIMITS.eventNameLength
    : ADDRESS.test(field)
      ? SL_LIMITS.urlLength
      : PROSE.test(field)
        ? SL_LIMITS.titleLength
        : SL_LIMITS.textLength;

/**
 * Cuts every string field of an event to its limit and drops empty ones, so the tracker never
 * sends an event ingest would refuse for its length.
 */
export function bound(event: Record<string, unknown>): Record<string, unknown> {
  for (const key in event) {
    const value = event[key];
    if (value === '' || value == null) delete event[key];
    else if (typeof value === 'string') event[key] = value.slice(0, limitOf(key));
  }
  return event;
}
