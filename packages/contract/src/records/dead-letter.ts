import { z } from 'zod';
import { stableHash } from '../stable-hash.js';

/** Where in the processor a record was refused: reading the topic, or the store that refused it. */
export const DEAD_LETTER_STAGES = [
  'read',
  'events',
  'event-points',
  'sessions',
  'window-documents',
  'window-points',
] as const;

/** The most of a refused record kept in its dead letter. */
export const DEAD_LETTER_RECORD_CHARS = 64 * 1024;

/**
 * A record the processor set aside instead of storing: a message it cannot read, or an event,
 * visit or window a store refused as invalid after bounded retries. The partition moves on; the
 * letter keeps what was refused and why, for the owner to see and, once fixed, replay.
 */
export const deadLetter = z.object({
  v: z.literal(1),
  /** Deterministic: a replay that refuses the same record again writes the same letter. */
  id: z.string().max(64),
  at: z.int().min(0),
  stage: z.enum(DEAD_LETTER_STAGES),
  reason: z.string().max(2_048),
  site: z.string().max(64).optional(),
  partition: z.int().min(0).optional(),
  offset: z.int().min(0).optional(),
  eventId: z.string().max(64).optional(),
  /** The refused record as JSON (cut at DEAD_LETTER_RECORD_CHARS). */
  record: z.string().max(DEAD_LETTER_RECORD_CHARS),
});

export type DeadLetter = z.infer<typeof deadLetter>;

/** A letter for `record`, refused at `stage` for `reason`. */
export function deadLetterOf(options: {
  stage: DeadLetter['stage'];
  reason: string;
  record: unknown;
  at: number;
  site?: string;
  partition?: number;
  offset?: number;
  eventId?: string;
}): DeadLetter {
  let json: string;
  try {
    json = typeof options.record === 'string' ? options.record : JSON.stringify(options.record);
  } catch {
    json = String(options.record);
  }
  const record = wellFormed(json.slice(0, DEAD_LETTER_RECORD_CHARS));
  const identity = [
    options.stage,
    options.partition ?? '',
    options.offset ?? '',
    options.eventId ?? '',
    record,
  ].join('\u0000');
  // Two 32-bit hashes: enough to tell letters apart (the module also runs in the browser).
  const id = `${hex(stableHash(identity))}${hex(stableHash(`letter\u0000${identity}`))}`;
  const site = shortText(options.site);
  const eventId = shortText(options.eventId);
  return {
    v: 1,
    id,
    at: options.at,
    stage: options.stage,
    // The letter itself must be storable whatever the refused record held.
    reason: wellFormed(options.reason.slice(0, 2_048)),
    ...(site === undefined ? {} : { site }),
    ...(options.partition === undefined ? {} : { partition: options.partition }),
    ...(options.offset === undefined ? {} : { offset: options.offset }),
    ...(eventId === undefined ? {} : { eventId }),
    record,
  };
}

const hex = (value: number) => value.toString(16).padStart(8, '0');

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const wellFormed = (text: string) => text.replace(LONE_SURROGATE, '\ufffd');

const shortText = (value: unknown) =>
  typeof value === 'string' && value.length <= 64 ? wellFormed(value) : undefined;
