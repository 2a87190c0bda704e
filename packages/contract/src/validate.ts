import type { z } from 'zod';
import { clientEvent, type ClientEvent } from './event.js';
import { LIMITS } from './limits.js';
import { repairStrings } from './repair-strings.js';

export type RejectionReason =
  'invalid_event' | 'event_too_large' | 'duplicate_id' | 'event_too_old';

export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. "points.3.0"; empty for the event itself. */
  path: string;
  message: string;
}

export interface EventRejection {
  /** Position of the event in its batch. */
  index: number;
  /** The event id, when the event had a readable one. */
  id?: string;
  reason: RejectionReason;
  issues: ValidationIssue[];
}

/** A refusal of a valid event by a rule of the caller (see validateEvents). */
export interface EventRefusal {
  reason: RejectionReason;
  issues: ValidationIssue[];
}

export interface EventsValidation {
  accepted: ClientEvent[];
  rejected: EventRejection[];
}

export function formatIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

function readableId(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'string' && id.length <= 64 ? id : undefined;
}

const encoder = new TextEncoder();

/** Serialised size in UTF-8 bytes, or Infinity for values JSON cannot represent. */
function jsonBytes(raw: unknown): number {
  try {
    const json = JSON.stringify(raw) ?? '';
    // A character is at most 3 UTF-8 bytes here: short events need no encoding to be judged.
    return json.length * 3 <= LIMITS.eventBytes ? json.length : encoder.encode(json).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Validates each event of a batch on its own: valid events are accepted even when others are not,
 * and every rejection says which event and why. Strings are repaired first (see repairStrings),
 * so what is accepted is text every store takes. Unknown fields are stripped, never passed on.
 */
export function validateEvents(
  rawEvents: readonly unknown[],
  /** Size of the request that carried them, when known: below the event limit, no event can be over it. */
  bodyBytes = Number.POSITIVE_INFINITY,
  /** A further rule for events the schema accepts (ingest: their time must be placeable). */
  refuse?: (event: ClientEvent) => EventRefusal | undefined,
): EventsValidation {
  const checkSizes = bodyBytes > LIMITS.eventBytes;
  const accepted: ClientEvent[] = [];
  const rejected: EventRejection[] = [];
  const seen = new Set<string>();

  rawEvents.forEach((original, index) => {
    const raw = repairStrings(original);
    // A repaired event can be a few bytes bigger than the request said: it is measured anew.
    const bytes = checkSizes || raw !== original ? jsonBytes(raw) : 0;
    const id = readableId(raw);
    const reject = (reason: RejectionReason, issues: ValidationIssue[]) =>
      rejected.push({ index, ...(id === undefined ? {} : { id }), reason, issues });

    if (bytes > LIMITS.eventBytes) {
      reject('event_too_large', [
        { path: '', message: `event is ${bytes} bytes, the limit is ${LIMITS.eventBytes}` },
      ]);
      return;
    }
    const parsed = clientEvent.safeParse(raw);
    if (!parsed.success) {
      reject('invalid_event', formatIssues(parsed.error));
      return;
    }
    if (seen.has(parsed.data.id)) {
      reject('duplicate_id', [
        { path: 'id', message: 'the same event id appears twice in the batch' },
      ]);
      return;
    }
    seen.add(parsed.data.id);
    const refusal = refuse?.(parsed.data);
    if (refusal) {
      reject(refusal.reason, refusal.issues);
      return;
    }
    accepted.push(parsed.data);
  });

  return { accepted, rejected };
}
