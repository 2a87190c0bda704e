import { LIMITS } from '../limits.js';

/**
 * Event times every store can hold: InfluxDB's nanosecond timestamps end in 2262, and nothing
 * before 1970 is a real visit.
 */
export const MAX_STORABLE_TS = Date.UTC(2262, 0, 1);

const text = (value: unknown, max: number) =>
  typeof value === 'string' && value.length > 0 && value.length <= max;

const time = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < MAX_STORABLE_TS;

/**
 * Why a consumer of the events topic cannot take an event (undefined when it can): the fields
 * windows, visits, scores and stores key on. Everything else was validated at ingest and is
 * trusted; a message written past ingest may lack them, and must not stop a partition.
 */
export function unprocessableEvent(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return 'an event must be an object';
  const fields = event as Record<string, unknown>;
  if (!text(fields.id, LIMITS.idLength)) return 'id: expected an event id';
  if (!text(fields.site, LIMITS.siteKeyLength)) return 'site: expected a site key';
  if (!text(fields.visitor, LIMITS.idLength)) return 'visitor: expected a visitor id';
  if (!text(fields.session, LIMITS.idLength)) return 'session: expected a session id';
  if (!text(fields.type, LIMITS.eventNameLength)) return 'type: expected an event type';
  if (!time(fields.ts)) return `ts: ${String(fields.ts)} is not a time the stores can hold`;
  if (!time(fields.receivedAt))
    return `receivedAt: ${String(fields.receivedAt)} is not a time the stores can hold`;
  return undefined;
}
