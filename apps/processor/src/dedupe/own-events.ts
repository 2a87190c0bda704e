import type { DedupeStore, IdClaim } from '@sightline/ports';
import type { ReadMessage } from '../read/read-messages.js';

/**
 * Keeps, of each message, the events this message owns in the ledger of counted ids: an id
 * counts once across partitions and windows, whatever visitor key or time a retry gave it. A
 * replay of the same message owns the same events again, so results rebuild exactly.
 */
export async function ownEvents(
  partition: number,
  messages: ReadMessage[],
  dedupe: Pick<DedupeStore, 'claim'>,
): Promise<{ messages: ReadMessage[]; repeats: number }> {
  const claims: IdClaim[] = [];
  for (const message of messages)
    if (message.kind === 'events')
      for (const event of message.events)
        claims.push({
          id: event.id,
          partition,
          offset: message.offset,
          receivedAt: event.receivedAt,
        });
  if (claims.length === 0) return { messages, repeats: 0 };
  const owned = await dedupe.claim(claims);
  let position = 0;
  let repeats = 0;
  const kept = messages.map((message): ReadMessage => {
    if (message.kind !== 'events') return message;
    const events = message.events.filter(() => owned[position++] === true);
    repeats += message.events.length - events.length;
    if (events.length === message.events.length) return message;
    return events.length > 0 ? { ...message, events } : { offset: message.offset, kind: 'skip' };
  });
  return { messages: kept, repeats };
}
