import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BROWSER_UA, SingleProcess } from '../../../test/single-process/single-process.js';
import { until } from '../../../test/until.js';

const ORIGIN = 'https://again.example';

/**
 * A tracker that retries may send an event again with another visitor id (cookieless ids
 * change with the address) or another time (the clock correction of another send). Through
 * `npm start`, each event id counts once in the raw events and in every series.
 */
describe('event ids re-sent across visitors and windows', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sightline-repeats-'));
  const app = new SingleProcess(dataDir, { INGEST_IP_RATE: '100000' });

  afterAll(async () => {
    if (app.running) await app.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('count once, in the raw events and the series', async () => {
    await app.start();
    const api = await app.signIn();
    const site = await app.createSite(api, 'Again', ORIGIN);
    const now = Date.now();
    const events = Array.from({ length: 50 }, (_, i) => ({
      id: randomUUID(),
      type: 'pageview',
      visitor: 'first-visitor',
      session: 's1',
      ts: now - 5_000 + i,
      url: `${ORIGIN}/page-${i % 5}`,
    }));
    const send = async (batch: typeof events) => {
      const response = await fetch(`${app.ingest}/api/collect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': BROWSER_UA },
        body: JSON.stringify({ site, sentAt: Date.now(), events: batch }),
      });
      expect(response.status).toBe(200);
    };
    await send(events);
    // Again under other visitor ids (other partitions), and 20 s earlier (other windows).
    await send(events.map((e, i) => ({ ...e, visitor: `other-visitor-${i % 7}` })));
    await send(events.map((e) => ({ ...e, ts: e.ts - 20_000 })));

    const range = `from=${now - 3_600_000}&to=${now + 60_000}`;
    const read = async () => {
      const search = (await (await api(`/api/sites/${site}/events?${range}&limit=1`)).json()) as {
        total: number;
      };
      const series = (await (
        await api(`/api/sites/${site}/series?${range}&fields=events,pageviews&step=86400000`)
      ).json()) as { points: { values: Record<string, number> }[] };
      const sum = (field: string) => series.points.reduce((s, p) => s + (p.values[field] ?? 0), 0);
      return { raw: search.total, events: sum('events'), pageviews: sum('pageviews') };
    };
    await until(async () => (await read()).raw === 50, { what: 'the first copies stored' });
    // Settled: a late second copy would show within the live flush interval.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await read()).toEqual({ raw: 50, events: 50, pageviews: 50 });
  }, 120_000);
});
