import { randomUUID } from 'node:crypto';
import { LIMITS } from '@sightline/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../../test/until.js';
import { CHROME_UA, startHarness, type Harness } from './harness.js';

const pageview = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  type: 'pageview',
  visitor: 'v-1',
  session: 's-1',
  ts: Date.now(),
  url: 'http://shop.test/products/lamp?utm_source=newsletter&utm_medium=email',
  referrer: 'https://mail.google.com/',
  title: 'Lamp',
  ...overrides,
});

describe('POST /api/collect on real Kafka', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${h.url}/api/collect`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'http://shop.test',
        'user-agent': CHROME_UA,
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const onKafka = (ids: string[]) =>
    expect
      .poll(() => h.received.filter((r) => ids.includes(r.event.id)).length, { timeout: 15_000 })
      .toBe(ids.length);

  it('acknowledges a batch once it is on the events topic, enriched and keyed site:visitor', async () => {
    const events = [
      pageview(),
      pageview({ type: 'click', x: 1, y: 2, tag: 'button', visitor: 'v-2' }),
    ];
    const response = await post({ site: 'shop', sentAt: Date.now(), events });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 2, rejected: [] });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://shop.test');
    await onKafka(events.map((e) => e.id));
    const first = h.received.find((r) => r.event.id === events[0]!.id)!;
    expect(first.key).toBe('shop:v-1');
    expect(first.event).toMatchObject({
      site: 'shop',
      path: '/products/lamp',
      channel: 'email',
      utm: { source: 'newsletter', medium: 'email' },
      browser: 'Chrome',
      device: 'desktop',
      bot: false,
      ip: '127.0.0.0',
      personalisation: true,
    });
    expect(h.received.find((r) => r.event.id === events[1]!.id)!.key).toBe('shop:v-2');
  });

  it('stores no secret of a URL: e-mails, tokens and the parameters the site lists are redacted', async () => {
    const event = pageview({
      url: 'https://shop.test/welcome?email=ann%40mail.example&token=t0k&customer_id=991&lang=en',
      referrer: 'https://mail.example/read?mail=ann@mail.example',
    });
    expect((await post({ site: 'shop', events: [event] })).status).toBe(200);
    await onKafka([event.id]);
    const stored = h.received.find((r) => r.event.id === event.id)!.event;
    expect(stored.url).toBe(
      'https://shop.test/welcome?email=redacted&token=redacted&customer_id=redacted&lang=en',
    );
    expect(stored.referrer).toBe('https://mail.example/read?mail=redacted');
    expect(JSON.stringify(stored)).not.toMatch(/ann(@|%40)|t0k|=991/);
  });

  it('takes text/plain bodies (sendBeacon) and CORS preflights', async () => {
    const event = pageview();
    const response = await post(
      { site: 'shop', events: [event] },
      { 'content-type': 'text/plain;charset=UTF-8' },
    );
    expect(response.status).toBe(200);
    await onKafka([event.id]);
    const preflight = await fetch(`${h.url}/api/collect`, {
      method: 'OPTIONS',
      headers: { origin: 'http://shop.test' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('lands the valid part of a mixed batch and says why each other event was refused', async () => {
    const good = pageview();
    const bad = pageview({ type: 'click', x: 'left' });
    const response = await post({ site: 'shop', events: [good, bad, { nonsense: true }] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      accepted: number;
      rejected: { index: number; reason: string; issues: { path: string }[] }[];
    };
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r) => [r.index, r.reason])).toEqual([
      [1, 'invalid_event'],
      [2, 'invalid_event'],
    ]);
    expect(body.rejected[0]!.issues.map((i) => i.path)).toContain('x');
    await onKafka([good.id]);
    expect(h.received.some((r) => r.event.id === bad.id)).toBe(false);
  });

  it('answers each kind of bad input with its status, and puts none of it on the bus', async () => {
    const ids: string[] = [];
    const tracked = (overrides: Record<string, unknown> = {}) => {
      const event = pageview(overrides);
      ids.push(event.id);
      return event;
    };
    const cases: [string, () => Promise<Response>, number, string][] = [
      ['malformed JSON', () => post('{"site": "shop", "events": ['), 400, 'invalid_json'],
      [
        'malformed text/plain JSON',
        () => post('nope', { 'content-type': 'text/plain' }),
        400,
        'invalid_json',
      ],
      ['a body that is not a batch', () => post({ hello: 'world' }), 400, 'invalid_batch'],
      ['an empty batch', () => post({ site: 'shop', events: [] }), 400, 'invalid_batch'],
      ['an unknown site', () => post({ site: 'nope', events: [tracked()] }), 401, 'unknown_site'],
      [
        'a foreign origin',
        () => post({ site: 'shop', events: [tracked()] }, { origin: 'https://evil.example' }),
        403,
        'origin_not_allowed',
      ],
      [
        // Sandboxed frames, file: and data: pages send "null": not a page of the site.
        'the opaque origin "null"',
        () => post({ site: 'shop', events: [tracked()] }, { origin: 'null' }),
        403,
        'origin_not_allowed',
      ],
      [
        'only invalid events',
        () => post({ site: 'shop', events: [tracked({ ts: 'soon' })] }),
        400,
        'no_valid_events',
      ],
      [
        'too many events',
        () =>
          post({
            site: 'shop',
            events: Array.from({ length: LIMITS.batchEvents + 1 }, () => tracked()),
          }),
        413,
        'too_many_events',
      ],
      [
        'an event over the size limit',
        () =>
          post({
            site: 'shop',
            events: [
              tracked({
                type: 'custom',
                name: 'x',
                props: { a: 'x'.repeat(500), b: 'y'.repeat(LIMITS.eventBytes) },
              }),
            ],
          }),
        413,
        'events_too_large',
      ],
      [
        'a body over the size limit',
        () => post({ site: 'shop', events: [tracked({ title: 'x'.repeat(LIMITS.bodyBytes) })] }),
        413,
        'body_too_large',
      ],
    ];
    for (const [what, send, status, error] of cases) {
      const response = await send();
      expect.soft(response.status, what).toBe(status);
      expect.soft(((await response.json()) as { error: string }).error, what).toBe(error);
    }
    // A valid request after all that still works: the server kept running.
    const after = pageview();
    expect((await post({ site: 'shop', events: [after] })).status).toBe(200);
    await onKafka([after.id]);
    expect(h.received.filter((r) => ids.includes(r.event.id))).toEqual([]);
  });

  it('accepts a site that allows every origin, and requests without an origin (servers)', async () => {
    const a = pageview({ url: 'https://anything.example/' });
    const b = pageview();
    expect(
      (await post({ site: 'open', events: [a] }, { origin: 'https://anything.example' })).status,
    ).toBe(200);
    const noOrigin = await fetch(`${h.url}/api/collect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ site: 'shop', events: [b] }),
    });
    expect(noOrigin.status).toBe(200);
    await onKafka([a.id, b.id]);
    // No user agent at all: accepted, and flagged as a bot.
    expect(h.received.find((r) => r.event.id === b.id)!.event.bot).toBe(true);
  });

  it('derives visitor ids in cookieless mode', async () => {
    const event = pageview({ visitor: 'anon', session: 'anon' });
    expect((await post({ site: 'shop', cookieless: true, events: [event] })).status).toBe(200);
    await onKafka([event.id]);
    const stored = h.received.find((r) => r.event.id === event.id)!;
    expect(stored.event.visitor).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(stored.event.visitor).not.toBe('anon');
    expect(stored.key).toBe(`shop:${stored.event.visitor}`);
  });

  it('records a no-JavaScript page view from the pixel', async () => {
    const before = h.received.length;
    const response = await fetch(
      `${h.url}/p.gif?site=shop&url=${encodeURIComponent('http://shop.test/no-js')}&title=NoJS`,
      {
        headers: { 'user-agent': CHROME_UA },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/gif');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(30);
    await expect
      .poll(() => h.received.slice(before).find((r) => r.event.path === '/no-js')?.event.title, {
        timeout: 15_000,
      })
      .toBe('NoJS');

    const unknown = await fetch(`${h.url}/p.gif?site=nope&url=http://shop.test/`);
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('x-sightline-error')).toBe('unknown_site');
    expect(unknown.headers.get('content-type')).toBe('image/gif');
  });

  it('serves the tracker scripts with caching headers', async () => {
    const script = await fetch(`${h.url}/sightline.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    const etag = script.headers.get('etag')!;
    expect(
      (await fetch(`${h.url}/sightline.js`, { headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    expect((await fetch(`${h.url}/sightline-live.js`)).status).toBe(200);
  });

  it('writes its time to every partition of the events topic, steadily', async () => {
    const since = Date.now();
    await until(
      () => new Set(h.clocks.filter((c) => c.at >= since).map((c) => c.partition)).size === 3,
    );
    const recent = h.clocks.filter((c) => c.at >= since);
    expect(recent.every((c) => c.at <= Date.now())).toBe(true);
    // Each partition's clock only moves forward.
    for (const partition of [0, 1, 2]) {
      const times = h.clocks.filter((c) => c.partition === partition).map((c) => c.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it('answers health and readiness on its public port, metrics only on its operations port', async () => {
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    // Load balancers ask the serving port; the metrics tell the traffic: not on the public port.
    expect((await fetch(`${h.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${h.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${h.opsUrl}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${h.opsUrl}/metrics`)).text();
    expect(metrics).toMatch(/sightline_ingest_events_accepted_total\{service="ingest-test"\} \d+/);
    expect(metrics).toMatch(
      /sightline_ingest_events_rejected_total\{reason="invalid_event",service="ingest-test"\} \d+/,
    );
    expect(metrics).toContain('sightline_ingest_produce_seconds_bucket');
  });
});

describe('floods', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ ipRate: 3, siteRate: 1_000 });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('answers 429 with Retry-After once a client address sends too fast', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i++) {
      const response = await fetch(`${h.url}/api/collect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ site: 'shop', events: [pageview()] }),
      });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses.slice(0, 6)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });
});
