import { z } from 'zod';
import { collectedEvent, type CollectedEvent } from '../event.js';
import { CONTRACT_VERSION } from '../version.js';

/**
 * A message of the `events` topic: the events of one visitor from one request, keyed
 * "site:visitor". Carrying a request's events together saves the per-message cost of the Kafka
 * client (the collector pattern of Snowplow); consumers handle each event on its own.
 */
export const eventsMessage = z.object({
  v: z.literal(CONTRACT_VERSION),
  events: z.array(collectedEvent).min(1),
});

export type EventsMessage = z.infer<typeof eventsMessage>;

/** Builds a message value from events already serialised one by one. */
export function joinEventsMessage(serialisedEvents: string[]): string {
  return `{"v":${CONTRACT_VERSION},"events":[${serialisedEvents.join(',')}]}`;
}

/** Serialises events of one visitor as one message value. */
export function encodeEventsMessage(events: CollectedEvent[]): string {
  return joinEventsMessage(events.map((event) => JSON.stringify(event)));
}

/**
 * Reads a message value; trusts the producer (ingest validated every event) and only checks
 * the envelope. Throws on anything that is not an events message.
 */
export function decodeEventsMessage(value: Buffer | string): CollectedEvent[] {
  const parsed = JSON.parse(
    typeof value === 'string' ? value : value.toString('utf8'),
  ) as Partial<EventsMessage>;
  if (parsed?.v !== CONTRACT_VERSION || !Array.isArray(parsed.events))
    throw new Error('not an events message');
  return parsed.events;
}

/**
 * A clock message of the `events` topic: ingest writes its time to every partition each second.
 * Consumers move their event-time clocks with it, so windows close and visits end on partitions
 * without traffic — and a replay of the log moves them exactly the same way.
 */
export function encodeClockMessage(at: number): string {
  return `{"v":${CONTRACT_VERSION},"clock":${Math.floor(at)}}`;
}

/** Key of clock messages (they name their partition explicitly). */
export const CLOCK_KEY = 'clock';

export type EventsTopicMessage =
  { kind: 'events'; events: CollectedEvent[] } | { kind: 'clock'; at: number };

/**
 * Reads any message of the `events` topic. Trusts the producer (ingest validated every event)
 * and only checks the envelope; throws on anything else.
 */
export function readEventsTopicMessage(value: Buffer | string): EventsTopicMessage {
  const parsed = JSON.parse(typeof value === 'string' ? value : value.toString('utf8')) as {
    v?: unknown;
    events?: unknown;
    clock?: unknown;
  } | null;
  if (parsed?.v !== CONTRACT_VERSION) throw new Error('not an events topic message');
  if (Array.isArray(parsed.events) && parsed.events.length > 0)
    return { kind: 'events', events: parsed.events as CollectedEvent[] };
  if (typeof parsed.clock === 'number' && Number.isFinite(parsed.clock))
    return { kind: 'clock', at: parsed.clock };
  throw new Error('not an events topic message');
}
