import type { ReadMessage } from './read-messages.js';

/**
 * Leaves out the events of erased visitors that arrived before their erasure: the bus keeps
 * them until its retention, and a replay must not store or count them again. A message left
 * with no event still moves the partition on (`skip`).
 */
export function skipErased(
  messages: ReadMessage[],
  erasedAt: (site: string, visitor: string) => number | undefined,
): { messages: ReadMessage[]; skipped: number } {
  let skipped = 0;
  const kept = messages.map((message): ReadMessage => {
    if (message.kind !== 'events') return message;
    const events = message.events.filter((event) => {
      const at = erasedAt(event.site, event.visitor);
      return at === undefined || event.receivedAt > at;
    });
    skipped += message.events.length - events.length;
    if (events.length === message.events.length) return message;
    return events.length > 0 ? { ...message, events } : { offset: message.offset, kind: 'skip' };
  });
  return { messages: kept, skipped };
}
