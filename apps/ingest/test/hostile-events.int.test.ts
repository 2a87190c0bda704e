import { randomUUID } from 'node:crypto';
import { loadConfig } from '@sightline/config';
import type { CollectedEvent, EventRejection } from '@sightline/contract';
import { openEmbeddedStores, type EmbeddedStores } from '@sightline/store-embedded';
import { createElasticsearchClient, ElasticsearchEventStore } from '@sightline/store-elasticsearch';
import { createInfluxTransport, InfluxMetricsStore } from '@sightline/store-influxdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services, uniqueName } from '../../../test/integration/services.js';
import { until } from '../../../test/until.js';
import { CHROME_UA, startHarness, type Harness } from './harness.js';

/**
 * Hostile events through the real collect path (HTTP and the pixel, on real Kafka), then every
 * accepted, enriched event into every real store: none may refuse what ingest acknowledged.
 */

const DAY = 86_400_000;
const INT32_MAX = 2 ** 31 - 1;

/** Strings the stores refuse (before repair), or that sit at their edges. */
const NASTY = [
  'a\ud800b',
  '\udfff',
  '\ud800\ud800\udc00',
  '\udc00\ud800',
  'nul\u0000nul',
  '\u0001\u0008\u000b\u000c\u001f',
  '\ufffe\uffff',
  'del\u007f c1\u0085\u009f',
  'sep\u2028\u2029',
  'bidi\u202e\u2066\u2069\ufeff',
  'quote" back\\ slash\\',
  'cr\r\nlf',
];

/** Every UTF-8 byte escaped (a lone surrogate as U+FFFD's bytes, as a browser sends it). */
const percentEncoded = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

/** Every key and string value of a JSON value. */
const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([key, item]) => [key, ...strings(item)])
      : [];

const event = (fields: Record<string, unknown>) => ({
  id: randomUUID(),
  visitor: 'v-hostile',
  session: 's-hostile',
  ts: Date.now() - 1_000,
  url: 'https://shop.example/p',
  type: 'pageview',
  ...fields,
});

/** One event per nasty string in every free-text field of the envelope and of each type. */
function nastyTextEvents() {
  return NASTY.flatMap((s, i) => [
    event({
      title: s,
      path: `/${s}`,
      referrer: `https://ref.example/${s}`,
      lang: s,
      tz: s,
      url: `https://shop.example/${s}?utm_source=${percentEncoded(s)}`,
    }),
    event({
      type: 'click',
      x: -1_000_000,
      y: 1_000_000,
      tag: s.slice(0, 32),
      elementId: s,
      classes: s,
      text: s,
      selector: s,
      href: s,
    }),
    event({ type: 'form_submit', formId: s, formName: s, formAction: s, fields: 10_000 }),
    event({ type: 'media_play', kind: 'video', src: s, mediaId: s, position: 1e-300 }),
    event({ type: 'download', href: s, extension: s.slice(0, 16), text: s }),
    event({ type: 'image_view', src: s, alt: s, elementId: s }),
    event({ type: 'js_error', message: s, source: s, stack: s, line: INT32_MAX, column: 0 }),
    event({ type: 'custom', name: s, props: { [s]: s, [`k${i}`]: s } }),
    event({ type: 'identify', userId: s, traits: { [s]: s } }),
    event({
      type: 'purchase',
      orderId: s,
      value: 1e12,
      currency: 'EUR',
      items: [{ id: s, name: s, category: s, price: 5e-324, quantity: 1_000_000 }],
    }),
  ]);
}

/** Property keys Elasticsearch's flattened and object fields treat specially, and numbers. */
function nastyPropertyEvents() {
  const keys = ['.', '..', '.a', 'a.', 'a..b', '_id', '_source', '__proto__', 'k'.repeat(64)];
  return [
    event({ type: 'custom', name: 'keys', props: Object.fromEntries(keys.map((k) => [k, k])) }),
    event({ type: 'custom', name: 'dotted', props: { 'a.b': 1, a: 2 } }),
    event({ type: 'custom', name: 'astral', props: { ['😀'.repeat(32)]: '😀'.repeat(256) } }),
    event({
      type: 'custom',
      name: 'numbers',
      props: { max: 1e308, min: -1e308, tiny: 5e-324, negZero: -0, big: 2 ** 64, odd: 2 ** 53 + 2 },
    }),
    event({ type: 'purchase', orderId: 'o', value: 1e-7, currency: 'EUR' }),
    event({ type: 'purchase', orderId: 'o', value: 0, currency: 'EUR' }),
    event({ type: 'scroll', depth: 100, direction: 'up', reversals: INT32_MAX, seq: INT32_MAX }),
    event({ type: 'heartbeat', visibleMs: 3_600_000, activeMs: 3_600_000 }),
    event({ type: 'cursor', points: [[1_000_000, -1_000_000, 3_600_000]] }),
    event({ title: '😀'.repeat(256), url: `https://shop.example/${'😀'.repeat(1_000)}` }),
    event({ type: 'js_error', message: '😀'.repeat(512), stack: 'x'.repeat(4_096) }),
    event({ type: 'identify', userId: '😀'.repeat(64) }),
    // The UTM value is decoded to NUL, and cut at 128 characters inside an emoji.
    event({ url: `https://shop.example/?utm_source=%00&utm_term=${'x'.repeat(127)}%F0%9F%98%80` }),
  ];
}

describe('hostile events: what ingest acknowledges, every store takes', () => {
  let h: Harness;
  let duck: EmbeddedStores;
  const prefix = uniqueName('hostile');
  const esConfig = loadConfig({
    ELASTICSEARCH_URL: services.elasticsearchUrl,
    ELASTICSEARCH_INDEX_PREFIX: prefix,
  }).elasticsearch;
  const es = new ElasticsearchEventStore(createElasticsearchClient(esConfig), esConfig);
  const database = uniqueName('hostile').replace(/-/g, '_');
  const influxTransport = createInfluxTransport(
    loadConfig({ INFLUXDB_URL: services.influxdbUrl, INFLUXDB_DATABASE: database }).influxdb,
  );
  const influx = new InfluxMetricsStore(influxTransport);

  beforeAll(async () => {
    h = await startHarness();
    await es.ensureSchema();
    await influx.ensureSchema();
    duck = await openEmbeddedStores(':memory:');
    await duck.ensureSchemas();
  });
  afterAll(async () => {
    await h?.stop();
    await es.client.indices.delete({ index: `${prefix}-*`, allow_no_indices: true });
    await es.client.indices.deleteIndexTemplate({ name: `${prefix}-events` });
    await es.close();
    await influxTransport.query(`DROP DATABASE "${database}"`);
    await influx.close();
    await duck?.close();
  });

  const post = async (body: unknown) => {
    const response = await fetch(`${h.url}/api/collect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': CHROME_UA },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as { accepted?: number; rejected?: EventRejection[] },
    };
  };

  it('repairs or refuses every hostile event, and every store takes every accepted one', async () => {
    const now = Date.now();
    const batches = [...nastyTextEvents(), ...nastyPropertyEvents()];
    const acceptedIds: string[] = [];
    for (let i = 0; i < batches.length; i += 50) {
      const events = batches.slice(i, i + 50);
      const answer = await post({ site: 'open', sentAt: Date.now(), events });
      expect(answer.body).toEqual({ accepted: events.length, rejected: [] });
      acceptedIds.push(...events.map((e) => e.id));
    }

    // Times: a browser clock in year 3000 (its own events consistent with it, one stamped with
    // today's time), one in 1970, events held offline, and ones past what can be placed.
    const future = Date.UTC(3000, 0, 1);
    const consistent = event({ ts: future - 5_000 });
    const stray = event({ ts: now });
    const clock = await post({ site: 'open', sentAt: future, events: [consistent, stray] });
    expect(clock.body.rejected).toEqual([
      expect.objectContaining({
        id: stray.id,
        reason: 'event_too_old',
        issues: [expect.objectContaining({ path: 'ts' })],
      }),
    ]);
    const past = event({ ts: now });
    const epoch = event({ ts: 0 });
    const held = event({ ts: now - 7 * DAY + 60_000 });
    const ahead = event({ ts: now + 3_600_000 });
    const unplaceable = [event({ ts: 0 }), event({ ts: now - 8 * DAY })];
    const refused = [
      event({ ts: 2 ** 53 - 1 }),
      event({ type: 'js_error', message: 'm', line: 2 ** 31 }),
      event({ type: 'scroll', depth: 1, direction: 'up', reversals: 2 ** 53 - 1 }),
      event({ visitor: 'v\u0000' }),
      event({ type: 'purchase', orderId: 'o', value: 1, currency: 'EU\ud800' }),
    ];
    const mixed = await post({ site: 'open', events: [held, ahead, ...unplaceable, ...refused] });
    expect(mixed.status).toBe(200);
    expect(mixed.body.rejected?.map((r) => [r.index, r.reason, r.issues[0]?.path])).toEqual([
      [2, 'event_too_old', 'ts'],
      [3, 'event_too_old', 'ts'],
      [4, 'invalid_event', 'ts'],
      [5, 'invalid_event', 'line'],
      [6, 'invalid_event', 'reversals'],
      [7, 'invalid_event', 'visitor'],
      [8, 'invalid_event', 'currency'],
    ]);
    const seventies = await post({ site: 'open', sentAt: 0, events: [past, epoch] });
    expect(seventies.body).toEqual({ accepted: 2, rejected: [] });
    // The last day a time may name (clientTs keeps it).
    const lastDay = Date.UTC(9999, 11, 31);
    const end = event({ ts: lastDay });
    const endOfTime = await post({ site: 'open', sentAt: lastDay + 1_000, events: [end] });
    expect(endOfTime.body).toEqual({ accepted: 1, rejected: [] });
    acceptedIds.push(consistent.id, held.id, ahead.id, past.id, epoch.id, end.id);

    // The pixel: query strings decode to anything.
    const pixel = await fetch(
      `${h.url}/p.gif?site=open&url=${encodeURIComponent('https://shop.example/px')}&title=%ED%A0%80%00%EF%BF%BF`,
      { headers: { 'user-agent': CHROME_UA } },
    );
    expect(pixel.status).toBe(200);

    await until(() => h.received.length >= acceptedIds.length + 1, {
      what: 'every accepted event on Kafka',
    });
    const received: CollectedEvent[] = h.received.map((r) => r.event);
    expect(received.map((e) => e.id)).toEqual(expect.arrayContaining(acceptedIds));
    expect(received).toHaveLength(acceptedIds.length + 1);

    // Times lie within [receivedAt - 7 days, receivedAt].
    for (const e of received) {
      expect(e.ts).toBeLessThanOrEqual(e.receivedAt);
      expect(e.ts).toBeGreaterThanOrEqual(e.receivedAt - 7 * DAY);
    }
    const byId = new Map(received.map((e) => [e.id, e]));
    expect(byId.get(consistent.id)!.ts).toBeGreaterThan(now - 60_000);
    expect(byId.get(held.id)!.ts).toBe(held.ts);
    expect(byId.get(ahead.id)!.ts).toBe(byId.get(ahead.id)!.receivedAt);
    expect(byId.get(past.id)!.ts).toBe(byId.get(past.id)!.receivedAt);

    // Every string is valid Unicode without the characters the stores refuse.
    for (const text of received.flatMap(strings)) {
      expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
      // eslint-disable-next-line no-control-regex
      expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    }

    // Elasticsearch: every document created, none refused.
    const appended = await es.append(received);
    expect(appended).toEqual({ created: received.length, duplicates: 0, rejected: [] });

    // InfluxDB: the raw points are written (a refused line fails the write) and all there.
    await influx.writeEvents(received);
    const [series] = await influxTransport.query(
      `SELECT count("count") FROM "events" WHERE "data_type" = 'raw'`,
    );
    expect(series?.values[0]?.[1]).toBe(received.length);

    // DuckDB: one write of all of them (one bad string fails the whole statement).
    const stored = await duck.events.append(received);
    expect(stored).toEqual({ created: received.length, duplicates: 0, rejected: [] });
  });
});
