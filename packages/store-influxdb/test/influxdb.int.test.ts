import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { services, uniqueName } from '../../../test/integration/services.js';
import {
  createInfluxTransport,
  InfluxError,
  quoteString,
  timeLiteral,
  toLines,
  V2Transport,
  type Point,
} from '../src/index.js';
import { loadConfig } from '@sightline/config';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('InfluxDB v1 API on a real server', () => {
  const database = uniqueName('sl').replace(/-/g, '_');
  const config = loadConfig({
    INFLUXDB_URL: services.influxdbUrl,
    INFLUXDB_DATABASE: database,
  }).influxdb;
  const influx = createInfluxTransport(config);

  beforeAll(async () => {
    await influx.ensureDatabase();
    await influx.ensureDatabase(); // idempotent
  });
  afterAll(async () => {
    await influx.query(`DROP DATABASE "${database}"`);
  });

  it('answers ping', async () => {
    await expect(influx.ping()).resolves.toBeUndefined();
  });

  it('writes points with tags and fields and reads them back by time range, grouped by time', async () => {
    // Two sites, a point every 5 s for 2 minutes: 24 points per site.
    const points: Point[] = [];
    for (let i = 0; i < 24; i++) {
      for (const site of ['shop', 'blog']) {
        points.push({
          measurement: 'pageviews',
          tags: { site, data_type: 'aggregated' },
          fields: { count: i + (site === 'shop' ? 100 : 0), visitors: 1 },
          time: T0 + i * 5_000,
        });
      }
    }
    await influx.write(toLines(points));

    // GROUP BY time() buckets align to the epoch; T0 + 40 s is on a 20 s boundary.
    const series = await influx.query(
      `SELECT sum("count") AS total FROM "pageviews" WHERE "site" = ${quoteString('shop')} ` +
        `AND time >= ${timeLiteral(T0 + 40_000)} AND time < ${timeLiteral(T0 + 100_000)} GROUP BY time(20s) fill(0)`,
    );
    expect(series).toHaveLength(1);
    expect(series[0]!.columns).toEqual(['time', 'total']);
    const expected = [0, 1, 2].map((step) => {
      const from = T0 + 40_000 + step * 20_000;
      const inStep = points.filter(
        (p) => p.tags!.site === 'shop' && p.time >= from && p.time < from + 20_000,
      );
      return [from, inStep.reduce((sum, p) => sum + (p.fields.count as number), 0)];
    });
    expect(series[0]!.values).toEqual(expected);

    const bySite = await influx.query(
      `SELECT count("count") FROM "pageviews" WHERE time >= ${timeLiteral(T0)} AND time < ${timeLiteral(T0 + 120_000)} GROUP BY "site"`,
    );
    expect(Object.fromEntries(bySite.map((s) => [s.tags!.site, s.values[0]![1]]))).toEqual({
      shop: 24,
      blog: 24,
    });
  });

  it('overwrites a point written again with the same series and time (idempotent rewrite)', async () => {
    const point = (count: number): Point => ({
      measurement: 'window',
      tags: { site: 'shop' },
      fields: { count },
      time: T0,
    });
    await influx.write(toLines([point(5)]));
    await influx.write(toLines([point(7)]));
    const series = await influx.query(
      `SELECT "count" FROM "window" WHERE time = ${timeLiteral(T0)}`,
    );
    expect(series[0]!.values).toEqual([[T0, 7]]);
  });

  it('refuses a field type conflict as a non-retryable error', async () => {
    await influx.write(toLines([{ measurement: 'typed', fields: { n: 1 }, time: T0 }]));
    const conflict = influx.write(
      toLines([{ measurement: 'typed', fields: { n: 'text' }, time: T0 + 1 }]),
    );
    await expect(conflict).rejects.toBeInstanceOf(InfluxError);
    await expect(conflict).rejects.toMatchObject({ retryable: false });
  });

  it('reports an unreachable server as retryable', async () => {
    const down = createInfluxTransport({ api: 'v1', url: 'http://127.0.0.1:1', database });
    await expect(down.write(['m n=1 1'])).rejects.toMatchObject({ retryable: true });
  });

  it('the v2 client fails clearly against a 1.6 server that lacks the v2 write API', async () => {
    const v2 = new V2Transport({
      url: services.influxdbUrl,
      org: 'o',
      bucket: database,
      token: 't',
    });
    await expect(v2.write(['m n=1 1'])).rejects.toThrow(/write failed/);
    // Its reads go through InfluxQL and work on any generation.
    await expect(v2.query('SHOW MEASUREMENTS')).resolves.toEqual(expect.any(Array));
  });
});
