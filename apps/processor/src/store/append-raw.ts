import type { CollectedEvent, DeadLetter } from '@sightline/contract';
import type { AppendResult } from '@sightline/ports';
import { eventLetter, type RawEvent } from '../flush/event-letter.js';
import { setAsideRefused } from '../flush/set-aside-refused.js';
import type { ReadMessage } from '../read/read-messages.js';

/**
 * Stores the raw events of a batch (the events each message owns) before anything is counted
 * from them: an event the raw store refuses as invalid becomes a dead letter and is left out of
 * the windows and visits too, so the series always equals the raw events. Outages throw, for the
 * caller to retry; the append is idempotent, so a retry or a replay stores nothing twice.
 */
export async function appendRaw(
  partition: number,
  messages: ReadMessage[],
  append: (
    events: CollectedEvent[],
    origin: { partition: number; offsets: number[] },
  ) => Promise<AppendResult>,
  now = Date.now(),
): Promise<{ messages: ReadMessage[]; letters: DeadLetter[] }> {
  const entries: RawEvent[] = [];
  for (const message of messages)
    if (message.kind === 'events')
      for (const event of message.events) entries.push({ event, offset: message.offset });
  if (entries.length === 0) return { messages, letters: [] };

  const letterOf = eventLetter('events', partition, now);
  // Elasticsearch says per event which it refused; DuckDB refuses the batch (then halved).
  const refusedOne: DeadLetter[] = [];
  const letters = await setAsideRefused(
    entries,
    async (batch) => {
      const outcome = await append(
        batch.map((entry) => entry.event),
        { partition, offsets: batch.map((entry) => entry.offset) },
      );
      const reasons = new Map(outcome.rejected.map((r) => [r.id, r.reason]));
      for (const entry of batch) {
        const reason = reasons.get(entry.event.id);
        if (reason !== undefined) refusedOne.push(letterOf(entry, reason));
      }
    },
    letterOf,
  );
  const all = [...refusedOne, ...letters];
  if (all.length === 0) return { messages, letters: [] };
  const refused = new Set(all.map((letter) => letter.eventId));
  const kept = messages.map((message): ReadMessage => {
    if (message.kind !== 'events') return message;
    const events = message.events.filter((event) => !refused.has(event.id));
    return events.length > 0 ? { ...message, events } : { offset: message.offset, kind: 'skip' };
  });
  return { messages: kept, letters: all };
}
