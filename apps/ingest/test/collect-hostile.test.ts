import { randomUUID } from 'node:crypto';
import type { Bus, OutgoingMessage, ConfigStore } from '@sightline/ports';
import { Sites } from '@sightline/config-store';
import { readEventsTopicMessage, type CollectedEvent } from '@sightline/contract';
import { Registry } from '@sightline/observability';
import { describe, expect, it } from 'vitest';
import { collectBatch, type CollectDeps } from '../src/collect/collect-batch.js';
import { MAX_EVENT_AGE_MS, createEnricher } from '@sightline/enrichment';
import { createIngestMetrics } from '../src/metrics.js';
import { CHROME_UA } from './harness.js';

const R = '\uFFFD';
const now = Date.UTC(2026, 11, 6, 12);

/** The collect path with a bus that keeps what it is given. */
function collector() {
  const published: OutgoingMessage[] = [];
  const site = { key: 'shop', name: 'shop', origins: ['*'], createdAt: 0 };
  const deps: CollectDeps = {
    sites: new Sites({
      get: (kind: string, key: string) => (kind === 'site' && key === 'shop' ? site : undefined),
    } as unknown as ConfigStore),
    bus: {
      publish: (_topic: string, messages: OutgoingMessage[]) => {
        published.push(...messages);
        return Promise.resolve();
      },
    } as unknown as Bus,
    eventsTopic: 'events',
    enricher: createEnricher({ secret: 's', country: () => undefined }),
    limits: { take: () => Promise.resolve(undefined) },
    metrics: createIngestMetrics(new Registry()),
  };
  const collect = (body: unknown) =>
    collectBatch(
      { body, origin: undefined, ip: '203.0.113.7', userAgent: CHROME_UA, receivedAt: now },
      deps,
    );
  const onBus = (): CollectedEvent[] =>
    published.flatMap((message) => {
      // What a consumer reads: UTF-8 bytes, as Kafka and the embedded bus carry them.
      const bytes = Buffer.from(String(message.value), 'utf8');
      expect(bytes.toString('utf8')).toBe(String(message.value));
      const read = readEventsTopicMessage(bytes);
      return read.kind === 'events' ? read.events : [];
    });
  return { collect, onBus };
}

const pageview = (fields: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  type: 'pageview',
  visitor: 'v1',
  session: 's1',
  ts: now - 1_000,
  url: 'https://shop.example/',
  ...fields,
});

describe('collect: events a store would refuse are repaired, or refused alone with the path', () => {
  it('repairs lone surrogates, NUL and other refused characters before the bus; refuses broken ids', async () => {
    const { collect, onBus } = collector();
    const custom = pageview({
      type: 'custom',
      name: 'n\ud800',
      title: '\udfff',
      path: '/a\u0000b',
      props: { 'k\u0000': 'v\ud800', '\udc00': '\uffff\u0001' },
    });
    // Ids have a strict pattern: broken text in them is refused with the field, not repaired.
    const events = [custom, pageview({ visitor: 'v\u0000' }), pageview({ session: '\ud800' })];
    const outcome = await collect({ site: 'shop', sentAt: now, events });
    expect(outcome).toMatchObject({ status: 200, body: { accepted: 1 } });
    expect(outcome.body.rejected?.map((r) => [r.index, r.issues.map((i) => i.path)])).toEqual([
      [1, ['visitor']],
      [2, ['session']],
    ]);
    expect(onBus()).toHaveLength(1);
    expect(onBus()[0]).toMatchObject({
      name: `n${R}`,
      title: R,
      path: `/a${R}b`,
      props: { [`k${R}`]: `v${R}`, [R]: `${R}${R}` },
    });
    // So is a site key, with 400 and the path.
    expect(await collect({ site: 'shop\ud800', events: [pageview()] })).toMatchObject({
      status: 400,
      body: { error: 'invalid_batch', issues: [expect.objectContaining({ path: 'site' })] },
    });
  });

  it('refuses counts beyond what Elasticsearch integer fields hold, alone', async () => {
    const { collect, onBus } = collector();
    const outcome = await collect({
      site: 'shop',
      events: [
        pageview({ type: 'js_error', message: 'm', line: 2 ** 31 }),
        pageview({ type: 'scroll', depth: 5, direction: 'up', reversals: 2 ** 53 - 1 }),
        pageview(),
      ],
    });
    expect(outcome.body.rejected?.map((r) => r.issues[0]?.path)).toEqual(['line', 'reversals']);
    expect(onBus()).toHaveLength(1);
  });

  it('repairs UTM values that decode to refused text or are cut inside a character', async () => {
    const { collect, onBus } = collector();
    const url = `https://shop.example/?utm_source=a%00b&utm_campaign=${'x'.repeat(127)}%F0%9F%98%80`;
    await collect({ site: 'shop', events: [pageview({ url })] });
    expect(onBus()[0]?.utm).toEqual({ source: `a${R}b`, campaign: `${'x'.repeat(127)}${R}` });
  });
});

describe('collect: event times', () => {
  it('refuses, alone, an event a far-future sentAt would move years back', async () => {
    const { collect, onBus } = collector();
    const sentAt = Date.UTC(3000, 0, 1);
    // The browser's clock says year 3000: its own events are consistent with it, an event
    // stamped with today's time is not.
    const consistent = pageview({ ts: sentAt - 2_000 });
    const stray = pageview({ ts: now });
    const outcome = await collect({ site: 'shop', sentAt, events: [consistent, stray] });
    expect(outcome).toMatchObject({
      status: 200,
      body: {
        accepted: 1,
        rejected: [
          {
            index: 1,
            id: stray.id,
            reason: 'event_too_old',
            issues: [expect.objectContaining({ path: 'ts' })],
          },
        ],
      },
    });
    expect(onBus().map((event) => event.ts)).toEqual([now - 2_000]);
  });

  it('answers 400 when no event of the batch can be placed, and never stores a time before a week ago', async () => {
    const { collect, onBus } = collector();
    const outcome = await collect({
      site: 'shop',
      sentAt: Date.UTC(9999, 0, 1),
      events: [pageview(), pageview({ ts: 0 })],
    });
    expect(outcome).toMatchObject({ status: 400, body: { error: 'no_valid_events' } });
    expect(outcome.body.rejected?.map((r) => r.reason)).toEqual(['event_too_old', 'event_too_old']);

    await collect({
      site: 'shop',
      events: [pageview({ ts: now - MAX_EVENT_AGE_MS }), pageview({ ts: 2 ** 53 - 1 })],
    });
    const stored = onBus();
    expect(stored.map((event) => event.ts)).toEqual([now - MAX_EVENT_AGE_MS]);
  });
});
