import type { CollectedEvent } from '@sightline/contract';
import { describe, expect, it } from 'vitest';
import type { ReadMessage } from '../src/read/read-messages.js';
import { skipErased } from '../src/read/skip-erased.js';

const event = (visitor: string, receivedAt: number) =>
  ({ id: `${visitor}-${receivedAt}`, site: 'shop', visitor, receivedAt }) as CollectedEvent;

describe('events of erased visitors', () => {
  it('are left out when they arrived before the erasure, and the partition still moves on', () => {
    const erased = new Map([['shop:gone', 1_000]]);
    const messages: ReadMessage[] = [
      { offset: 0, kind: 'events', events: [event('gone', 900), event('kept', 900)] },
      { offset: 1, kind: 'events', events: [event('gone', 1_000)] },
      { offset: 2, kind: 'clock', at: 1_500 },
      // Back after the erasure: new data, kept.
      { offset: 3, kind: 'events', events: [event('gone', 1_001)] },
    ];
    const { messages: kept, skipped } = skipErased(messages, (site, visitor) =>
      erased.get(`${site}:${visitor}`),
    );
    expect(skipped).toBe(2);
    expect(kept).toEqual([
      { offset: 0, kind: 'events', events: [event('kept', 900)] },
      { offset: 1, kind: 'skip' },
      { offset: 2, kind: 'clock', at: 1_500 },
      { offset: 3, kind: 'events', events: [event('gone', 1_001)] },
    ]);
  });
});
