import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { collectRequest, LIMITS, validateEvents } from '../src/index.js';
import { validExamples } from './examples.js';

describe('validateEvents', () => {
  it('accepts the valid part of a mixed batch and says why each other event was rejected', () => {
    const good = { ...validExamples.pageview, id: randomUUID() };
    const bad = { ...validExamples.click, id: randomUUID(), x: 'left' };
    const garbage = 42;
    const result = validateEvents([good, bad, garbage]);

    expect(result.accepted).toEqual([good]);
    expect(result.rejected).toEqual([
      {
        index: 1,
        id: bad.id,
        reason: 'invalid_event',
        issues: [expect.objectContaining({ path: 'x' })],
      },
      { index: 2, reason: 'invalid_event', issues: [expect.objectContaining({ path: '' })] },
    ]);
  });

  it('rejects an event over the byte limit without parsing it', () => {
    const huge = {
      ...validExamples.custom,
      id: randomUUID(),
      props: { blob: 'x'.repeat(LIMITS.eventBytes) },
    };
    const result = validateEvents([huge]);
    expect(result.accepted).toEqual([]);
    expect(result.rejected[0]).toMatchObject({ index: 0, reason: 'event_too_large', id: huge.id });
  });

  it('counts multi-byte characters as bytes, not characters', () => {
    // 3 bytes each in UTF-8: the character count is under the limit, the byte count is not.
    const props = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`k${i}`, '€'.repeat(LIMITS.propertyValueLength)]),
    );
    const result = validateEvents([{ ...validExamples.custom, id: randomUUID(), props }]);
    expect(result.rejected[0]?.reason).toBe('event_too_large');
  });

  it('keeps the first of two events with the same id', () => {
    const event = { ...validExamples.heartbeat, id: randomUUID() };
    const result = validateEvents([event, { ...event }]);
    expect(result.accepted).toHaveLength(1);
    expect(result.rejected).toEqual([
      expect.objectContaining({ index: 1, id: event.id, reason: 'duplicate_id' }),
    ]);
  });

  it('never throws on hostile values', () => {
    const cyclic: Record<string, unknown> = { ...validExamples.pageview };
    cyclic.self = cyclic;
    const hostile = [null, undefined, [], 'pageview', cyclic, { __proto__: { type: 'pageview' } }];
    const result = validateEvents(hostile);
    expect(result.accepted).toEqual([]);
    expect(result.rejected).toHaveLength(hostile.length);
  });
});

describe('collectRequest', () => {
  const event = { ...validExamples.pageview, id: randomUUID() };

  it('accepts a batch of up to the limit', () => {
    const events = Array.from({ length: LIMITS.batchEvents }, () => event);
    expect(collectRequest.safeParse({ site: 'shop', events }).success).toBe(true);
  });

  it('refuses an empty batch, an oversized batch and a bad site key', () => {
    const over = Array.from({ length: LIMITS.batchEvents + 1 }, () => event);
    expect(collectRequest.safeParse({ site: 'shop', events: [] }).success).toBe(false);
    expect(collectRequest.safeParse({ site: 'shop', events: over }).success).toBe(false);
    expect(collectRequest.safeParse({ site: '../etc', events: [event] }).success).toBe(false);
  });
});

describe('events messages', () => {
  it('carry a visitor’s events together and come back as they went', async () => {
    const { decodeEventsMessage, encodeEventsMessage, eventsMessage } =
      await import('../src/index.js');
    const events = [
      { ...validExamples.pageview, id: randomUUID() },
      { ...validExamples.click, id: randomUUID() },
    ].map((event) => ({
      ...event,
      v: 1 as const,
      site: 'shop',
      receivedAt: 1,
      clientTs: 1,
      path: '/',
      personalisation: true,
      device: 'desktop' as const,
      bot: false,
      channel: 'direct' as const,
    }));
    const value = encodeEventsMessage(events);
    expect(eventsMessage.safeParse(JSON.parse(value)).success).toBe(true);
    expect(decodeEventsMessage(Buffer.from(value))).toEqual(events);
    expect(() => decodeEventsMessage('{"v":2,"events":[]}')).toThrow(/not an events message/);
    expect(() => decodeEventsMessage('nope')).toThrow();
  });

  it('share the topic with clock messages, told apart by readEventsTopicMessage', async () => {
    const { encodeClockMessage, encodeEventsMessage, readEventsTopicMessage } =
      await import('../src/index.js');
    expect(readEventsTopicMessage(encodeClockMessage(1_767_270_000_123.7))).toEqual({
      kind: 'clock',
      at: 1_767_270_000_123,
    });
    const event = {
      ...validExamples.pageview,
      id: randomUUID(),
      v: 1 as const,
      site: 's',
      receivedAt: 1,
      clientTs: 1,
      path: '/',
      personalisation: true,
      device: 'desktop' as const,
      bot: false,
      channel: 'direct' as const,
    };
    expect(readEventsTopicMessage(Buffer.from(encodeEventsMessage([event])))).toEqual({
      kind: 'events',
      events: [event],
    });
    for (const bad of [
      '{"v":1}',
      '{"v":1,"events":[]}',
      '{"v":1,"clock":"soon"}',
      '{"v":2,"clock":1}',
      'null',
      '[',
      '{"v":1,"clock":1e999}',
    ])
      expect(() => readEventsTopicMessage(bad), bad).toThrow();
  });
});
