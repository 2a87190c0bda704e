import { randomUUID } from 'node:crypto';
import { loadConfig } from '@sightline/config';
import { emptyWindowMetrics, type CollectedEvent, type WindowAggregate } from '@sightline/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services, uniqueName } from '../../../test/integration/services.js';
import { createInfluxTransport, InfluxMetricsStore, WINDOW_FIELDS } from '../src/index.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

function window(
  partition: number,
  start: number,
  pageviews: number,
  final: boolean,
): WindowAggregate {
  return {
    v: 1,
    site: 'shop',
    start,
    partition,
    final,
    metrics: {
      ...emptyWindowMetrics(),
      events: pageviews + 1,
      pageviews,
      visitors: pageviews,
      types: { pageview: pageviews, click: 1 },
      revenue: final ? { EUR: 12.5 } : {},
    },
    activeVisitors: 3,
    watermark: start + 10_000,
  };
}

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

  it('keeps the last write of each window and sums the partitions per step', async () => {
    await store.writeWindows([
      window(0, T0, 5, false),
      window(1, T0, 2, false),
      window(0, T0 + 10_000, 1, false),
    ]);
    // The final write of partition 0's first window replaces its partial.
    await store.writeWindows([window(0, T0, 7, true)]);
    const series = await store.series({
      site: 'shop',
      range: { from: T0, to: T0 + 60_000 },
      stepMs: 10_000,
      fields: ['pageviews', 'type_click', 'type_download', 'revenue_EUR'],
    });
    expect(series).toEqual([
      { time: T0, values: { pageviews: 9, type_click: 2, type_download: 0, revenue_EUR: 12.5 } },
      {
        time: T0 + 10_000,
        values: { pageviews: 1, type_click: 1, type_download: 0, revenue_EUR: 0 },
      },
    ]);
    const minute = await store.series({
      site: 'shop',
      range: { from: T0, to: T0 + 60_000 },
      stepMs: 60_000,
      fields: ['pageviews'],
    });
    expect(minute).toEqual([{ time: T0, values: { pageviews: 10 } }]);
    expect(WINDOW_FIELDS).toContain('type_form_submit');
  });

  it('refuses field names that are not plain identifiers', async () => {
    await expect(
      store.series({
        site: 'shop',
        range: { from: T0, to: T0 + 1 },
        stepMs: 10_000,
        fields: ['pageviews") FROM x; --'],
      }),
    ).rejects.toThrow(/unknown field/);
  });

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
