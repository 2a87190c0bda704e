import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RetryingSender } from '../../../test/single-process/retrying-sender.js';
import { SingleProcess, type Api } from '../../../test/single-process/single-process.js';
import { until } from '../../../test/until.js';

const ORIGIN = 'https://crash.example';
const VISITORS = 40;

/** What the admin app shows for the site over the last hour: raw events and the window series. */
async function shown(api: Api, site: string, from: number) {
  const range = `from=${from}&to=${Date.now() + 60_000}`;
  const search = (await (await api(`/api/sites/${site}/events?${range}&limit=1`)).json()) as {
    total: number;
  };
  const series = (await (
    await api(
      `/api/sites/${site}/series?${range}&fields=events,pageviews,sessionsStarted&step=86400000`,
    )
  ).json()) as { points: { values: Record<string, number> }[] };
  const sum = (field: string) => series.points.reduce((s, p) => s + (p.values[field] ?? 0), 0);
  return {
    raw: search.total,
    events: sum('events'),
    pageviews: sum('pageviews'),
    sessionsStarted: sum('sessionsStarted'),
  };
}

/**
 * `npm start` as a store of record: a kill -9 and a SIGTERM in the middle of traffic from
 * visitors that retry like the tracker. Afterwards every event ingest acknowledged is stored
 * once, the window series equals the raw events, and no visit was started twice.
 */
describe('the single process through kill -9 and SIGTERM under load', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sightline-crash-'));
  const app = new SingleProcess(dataDir, { INGEST_IP_RATE: '100000' });
  let expected: { site: string; from: number; want: Awaited<ReturnType<typeof shown>> } | undefined;

  afterAll(async () => {
    if (app.running) await app.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps exactly what was acknowledged, with the series equal to the raw events', async () => {
    await app.start();
    let api = await app.signIn();
    const site = await app.createSite(api, 'Crash', ORIGIN);
    const from = Date.now() - 60_000;
    const sender = new RetryingSender(() => app.ingest, site, ORIGIN);
    const traffic = sender.run({ visitors: VISITORS, batches: 40, size: 5, everyMs: 100 });

    // kill -9 in the middle of the traffic, then SIGTERM a little later.
    await until(() => sender.acknowledged.size >= 1_500, { what: 'traffic under way' });
    await app.kill();
    await app.start();
    await until(() => sender.acknowledged.size >= 4_000, { what: 'traffic after the crash' });
    const stopped = await app.stop('SIGTERM');
    expect(stopped.code).toBe(0);
    await app.start();
    await traffic;

    const acknowledged = [...sender.acknowledged.values()];
    const pageviews = acknowledged.filter((e) => e.type === 'pageview').length;
    expect(acknowledged.length).toBe(VISITORS * 40 * 5);
    expect(sender.failures).toBeGreaterThan(0); // the restarts were felt
    api = await app.signIn();
    const want = {
      raw: acknowledged.length,
      events: acknowledged.length,
      pageviews,
      // Each visitor's events lie within minutes: one visit each.
      sessionsStarted: VISITORS,
    };
    let got = await shown(api, site, from);
    await until(
      async () => {
        got = await shown(api, site, from);
        return got.raw === want.raw && got.events === want.events;
      },
      { what: 'every acknowledged event stored', timeoutMs: 60_000 },
    ).catch(() => undefined);
    expect(got, app.logs.slice(-3_000)).toEqual(want);
    expected = { site, from, want };
  }, 300_000);

  it('starts again after a torn write at the end of the bus files, and loses nothing kept', async () => {
    const { site, from, want } = expected!;
    await app.kill();
    // A write the crash cut short: half a record at the end of every events partition.
    const partitions = join(dataDir, 'bus', 'events');
    for (const partition of readdirSync(partitions)) {
      const dir = join(partitions, partition);
      const segments = readdirSync(dir)
        .filter((name) => name.endsWith('.log'))
        .sort();
      const last = join(dir, segments.at(-1)!);
      const before = statSync(last).size;
      appendFileSync(last, Buffer.from([0, 0, 1, 0, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3]));
      expect(statSync(last).size).toBe(before + 11);
    }
    await app.start();
    expect(app.logs).toMatch(/torn tail/);
    const api = await app.signIn();
    // New traffic is taken after the cut, and counted with what was kept.
    const sender = new RetryingSender(() => app.ingest, site, ORIGIN);
    await sender.run({ visitors: 5, batches: 4, size: 5, everyMs: 20 });
    const more = [...sender.acknowledged.values()];
    const total = {
      raw: want.raw + more.length,
      events: want.events + more.length,
      pageviews: want.pageviews + more.filter((e) => e.type === 'pageview').length,
      // The same visitors (visitor-0…4) go on with their visits.
      sessionsStarted: want.sessionsStarted,
    };
    let got = await shown(api, site, from);
    await until(
      async () => {
        got = await shown(api, site, from);
        return got.raw === total.raw && got.events === total.events;
      },
      { what: 'the new events stored', timeoutMs: 30_000 },
    ).catch(() => undefined);
    expect(got, app.logs.slice(-3_000)).toEqual(total);
  }, 120_000);
});
