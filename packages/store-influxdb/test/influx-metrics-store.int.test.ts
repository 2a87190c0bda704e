import { randomUUID } from 'node:crypto';
import { loadConfig } from '@sightline/config';
import type { CollectedEvent } from '@sightline/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services, uniqueName } from '../../../test/integration/services.js';
import { metricsStoreContract } from '../../../test/stores/metrics-store-contract.js';
import { createInfluxTransport, InfluxMetricsStore } from '../src/index.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('InfluxMetricsStore on a real InfluxDB', () => {
  const database = uniqueName('metrics').replace(/-/g, '_');
  const transport = createInfluxTransport(
    loadConfig({ INFLUXDB_URL: services.influxdbUrl, INFLUXDB_DATABASE: database }).influxdb,
  );
  const store = new InfluxMetricsStore(transport);

  beforeAll(async () => {
    await store.ensureSchema();
  });
  afterAll(async () => {
    await transport.query(`DROP DATABASE "${database}"`);
    await store.close();
  });

  metricsStoreContract(() => store);

  it('writes each event as one raw point, however often it is written', async () => {
    const events = Array.from({ length: 500 }, (_, i) => ({
      id: randomUUID(),
      type: 'pageview',
      visitor: `v${i}`,
      session: 's',
      // Many events share a millisecond: they must not overwrite one another.
      ts: T0 + Math.floor(i / 100),
      url: 'https://shop.example/',
      path: '/',
      v: 1,
      site: 'raw-site',
      receivedAt: T0,
      clientTs: T0,
      device: 'desktop',
      bot: false,
      channel: 'direct',
    })) as CollectedEvent[];
    await store.writeEvents(events);
    await store.writeEvents(events.slice(0, 100)); // a replay
    const [series] = await transport.query(
      `SELECT count("count") FROM "events" WHERE "site" = 'raw-site' AND "data_type" = 'raw'`,
    );
    expect(series?.values[0]?.[1]).toBe(500);
    const [tags] = await transport.query(`SHOW TAG KEYS FROM "events"`);
    expect(tags?.values.flat()).not.toContain('visitor');
  });
});
