import type { CollectedEvent, EvidenceMatcher } from '@sightline/contract';
import { matchesPath } from '@sightline/contract';

type FieldCondition = NonNullable<EvidenceMatcher['fields']>[string];

/** A field of an event by its dotted name (`utm.source`, `props.plan`). */
function fieldValue(event: CollectedEvent, name: string): unknown {
  let value: unknown = event;
  for (const key of name.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function holds(condition: FieldCondition, field: unknown): boolean {
  // Only plain values compare; objects and lists never match.
  if (typeof field !== 'string' && typeof field !== 'number' && typeof field !== 'boolean')
    return false;
  const value = field;
  if (
    condition.eq !== undefined &&
    value !== condition.eq &&
    String(value) !== String(condition.eq)
  )
    return false;
  if (condition.gte !== undefined && !(typeof value === 'number' && value >= condition.gte))
    return false;
  if (condition.lte !== undefined && !(typeof value === 'number' && value <= condition.lte))
    return false;
  if (condition.prefix !== undefined && !String(value).startsWith(condition.prefix)) return false;
  return true;
}

/** What the engine derives for the event's page before matching. */
export interface DerivedSignals {
  /** Active (engaged) seconds on the event's page view so far, from heartbeats. */
  pageActiveSeconds: number;
  /** How long the event's page view has been open, in ms (see pages/page-views.ts). */
  pageOpenMs: number;
}

/** Whether an event is an occurrence of the matcher's evidence. */
export function matchesEvidence(
  matcher: EvidenceMatcher,
  event: CollectedEvent,
  derived: DerivedSignals,
): boolean {
  if (matcher.type === 'dwell') {
    if (event.type !== 'heartbeat') return false;
    if (derived.pageActiveSeconds < (matcher.activeSeconds ?? Infinity)) return false;
  } else if (event.type !== matcher.type) return false;
  // Paths come normalised without a trailing slash: `/x` is also the folder `/x/` of `/x/**`.
  if (!matchesPath(matcher.path, event.path) && !matchesPath(matcher.path, `${event.path}/`))
    return false;
  for (const [name, condition] of Object.entries(matcher.fields ?? {}))
    if (!holds(condition, fieldValue(event, name))) return false;
  return true;
}
