import { randomUUID } from 'node:crypto';
import type { Bus, ConfigStore } from '@sightline/ports';
import { Sites } from '@sightline/config-store';
import { createLogger, Registry } from '@sightline/observability';
import { afterAll, describe, expect, it } from 'vitest';
import { createEnricher } from '@sightline/enrichment';
import { registerCollectRoute } from '../src/http/collect-route.js';
import { createHttpServer } from '../src/http/server.js';
import { createIngestMetrics } from '../src/metrics.js';

describe('collect bodies, as application/json and as text/plain', () => {
  const app = createHttpServer({
    logger: createLogger('json-body-test', 'silent'),
    trustProxy: false,
    maxConnectionsPerAddress: 256,
  });
  const site = { key: 'shop', name: 'shop', origins: ['*'], createdAt: 0 };
  registerCollectRoute(app, {
    sites: new Sites({
      get: (kind: string, key: string) => (kind === 'site' && key === 'shop' ? site : undefined),
    } as unknown as ConfigStore),
    bus: { publish: () => Promise.resolve() } as unknown as Bus,
    eventsTopic: 'events',
    enricher: createEnricher({ secret: 's', country: () => undefined }),
    limits: { take: () => Promise.resolve(undefined) },
    metrics: createIngestMetrics(new Registry()),
  });
  afterAll(() => app.close());

  const event = (props: string) =>
    `{"id":"${randomUUID()}","type":"custom","name":"n","visitor":"v","session":"s",` +
    `"ts":${Date.now()},"url":"https://shop.example/","props":${props}}`;

  const post = (type: string, payload: string) =>
    app.inject({ method: 'POST', url: '/api/collect', headers: { 'content-type': type }, payload });

  it('takes a "__proto__" property key as a key of its event, not as a reason to refuse the batch', async () => {
    const payload = `{"site":"shop","events":[${event('{"__proto__":1,"a":1}')},${event('{"constructor":{"prototype":1}}')},${event('{}')}]}`;
    for (const type of ['application/json', 'text/plain']) {
      const response = await post(type, payload);
      expect(response.statusCode, type).toBe(200);
      const body = response.json<{ accepted: number; rejected: { index: number }[] }>();
      // A property value that is an object is refused, with its event alone.
      expect(body.accepted, type).toBe(2);
      expect(body.rejected.map((r) => r.index)).toEqual([1]);
    }
    // An empty body and a malformed one are still told apart.
    expect((await post('application/json', '')).json()).toMatchObject({ error: 'empty_body' });
    expect((await post('application/json', '{"site":')).json()).toMatchObject({
      error: 'invalid_json',
    });
  });
});
