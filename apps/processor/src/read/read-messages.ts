import type { IncomingMessage } from '@sightline/ports';
import {
  deadLetterOf,
  readEventsTopicMessage,
  repairStrings,
  unprocessableEvent,
  type CollectedEvent,
  type DeadLetter,
} from '@sightline/contract';

/** One message of the events topic as the processor takes it in. */
export type ReadMessage =
  | { offset: number; kind: 'events'; events: CollectedEvent[] }
  | { offset: number; kind: 'clock'; at: number }
  /** Nothing to count: a message that is not an events message, or whose events were all set aside. */
  | { offset: number; kind: 'skip' };

export interface ReadBatch {
  messages: ReadMessage[];
  /** Messages and events that cannot be processed, set aside with their reason. */
  letters: DeadLetter[];
}

/**
 * Reads a batch of the events topic. Ingest validated every event, so only what the processor
 * relies on is checked (cheaply): a message or event that fails is set aside as a dead letter
 * and the partition moves on — one bad message never stops it.
 */
export function readMessages(
  partition: number,
  messages: IncomingMessage[],
  now = Date.now(),
): ReadBatch {
  const letters: DeadLetter[] = [];
  const read = messages.map((message): ReadMessage => {
    const offset = Number(message.offset);
    const text = message.value.toString('utf8');
    let parsed: ReturnType<typeof readEventsTopicMessage>;
    try {
      parsed = readEventsTopicMessage(text);
    } catch (error) {
      letters.push(
        deadLetterOf({
          stage: 'read',
          reason: `not an events topic message: ${String(error)}`,
          record: text,
          at: now,
          partition,
          offset,
        }),
      );
      return { offset, kind: 'skip' };
    }
    if (parsed.kind === 'clock') return { offset, kind: 'clock', at: parsed.at };
    // Ingest repaired every string; a message from elsewhere may hold text a store refuses.
    const received = mayNeedRepair(text)
      ? (repairStrings(parsed.events) as CollectedEvent[])
      : parsed.events;
    const events: CollectedEvent[] = [];
    for (const event of received) {
      const reason = unprocessableEvent(event);
      if (reason === undefined) {
        events.push(event);
        continue;
      }
      const fields = event as Partial<Record<'site' | 'id', unknown>>;
      letters.push(
        deadLetterOf({
          stage: 'read',
          reason,
          record: event,
          at: now,
          partition,
          offset,
          ...(typeof fields.site === 'string' ? { site: fields.site } : {}),
          ...(typeof fields.id === 'string' ? { eventId: fields.id } : {}),
        }),
      );
    }
    return events.length > 0 ? { offset, kind: 'events', events } : { offset, kind: 'skip' };
  });
  return { messages: read, letters };
}

/**
 * Whether a message may hold text the stores refuse: in JSON, controls and lone surrogates can
 * only appear escaped (\\u…), and U+FFFE/U+FFFF as themselves. Almost no message does.
 */
const mayNeedRepair = (text: string) =>
  text.includes('\\u') || text.includes('\uFFFE') || text.includes('\uFFFF');
