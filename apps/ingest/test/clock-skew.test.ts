import { randomUUID } from 'node:crypto';
import type { ClientEvent } from '@sightline/contract';
import { describe, expect, it } from 'vitest';
import { eventTimeRefusal } from '../src/collect/event-time-refusal.js';
import { correctTimestamp, MAX_EVENT_AGE_MS, createEnricher } from '@sightline/enrichment';

const now = Date.UTC(2026, 11, 6, 12);
const YEAR = 365 * 86_400_000;
const oldest = now - MAX_EVENT_AGE_MS;

describe('correctTimestamp bounds every event time', () => {
  it('never moves an event years back: a sentAt far in the future leaves it unplaceable', () => {
    // The black-box case: sentAt ~ year 3000 with an honest ts gave year 1053 (InfluxDB: 400).
    expect(correctTimestamp(now, Date.UTC(3000, 0, 1), now)).toBeUndefined();
    expect(correctTimestamp(now, 2 ** 53 - 1, now)).toBeUndefined();
    expect(correctTimestamp(now, now + MAX_EVENT_AGE_MS + 10_000, now)).toBeUndefined();
    // A browser clock years off but consistent is still corrected exactly.
    expect(correctTimestamp(now - 30 * YEAR - 2_000, now - 30 * YEAR, now)).toBe(now - 2_000);
    expect(correctTimestamp(now + 80 * YEAR - 2_000, now + 80 * YEAR, now)).toBe(now - 2_000);
  });

  it('keeps events held up to a week, and refuses older ones (no time before 1970 or negative)', () => {
    expect(correctTimestamp(oldest, undefined, now)).toBe(oldest);
    expect(correctTimestamp(oldest - 1, undefined, now)).toBeUndefined();
    expect(correctTimestamp(0, undefined, now)).toBeUndefined();
    expect(correctTimestamp(now - 2 * MAX_EVENT_AGE_MS, now - MAX_EVENT_AGE_MS, now)).toBe(oldest);
  });

  it('lands any ts and sentAt within [receivedAt - a week, receivedAt], or nowhere', () => {
    const times = [0, 1, oldest - 1, now - 10_000, now, now + 10_000, Date.UTC(2262, 3, 12)];
    for (const ts of [...times, 2 ** 53 - 1])
      for (const sentAt of [undefined, ...times, 2 ** 53 - 1]) {
        const corrected = correctTimestamp(ts, sentAt, now);
        if (corrected === undefined) continue;
        expect(corrected, `ts ${ts}, sentAt ${sentAt}`).toBeGreaterThanOrEqual(oldest);
        expect(corrected, `ts ${ts}, sentAt ${sentAt}`).toBeLessThanOrEqual(now);
      }
  });
});

describe('eventTimeRefusal', () => {
  it('refuses an unplaceable event with its reason and the path ts', () => {
    const refusal = eventTimeRefusal(now, Date.UTC(3000, 0, 1), now);
    expect(refusal?.reason).toBe('event_too_old');
    expect(refusal?.issues.map((issue) => issue.path)).toEqual(['ts']);
    expect(refusal?.issues[0]?.message).toContain('7 days');
    expect(eventTimeRefusal(now - 1_000, now, now)).toBeUndefined();
  });
});

describe('the enricher', () => {
  it('never writes a time outside the bounds, even for an event nobody refused first', () => {
    const enricher = createEnricher({ secret: 's', country: () => undefined });
    const event: ClientEvent = {
      id: randomUUID(),
      type: 'pageview',
      visitor: 'v',
      session: 's',
      ts: now,
      url: 'https://shop.example/',
    };
    const [collected] = enricher.enrich([event], {
      site: 'shop',
      ip: '203.0.113.7',
      userAgent: '',
      receivedAt: now,
      sentAt: Date.UTC(3000, 0, 1),
      cookieless: false,
      personalisation: true,
    });
    expect(collected!.ts).toBe(oldest);
    expect(collected!.clientTs).toBe(now);
  });
});
