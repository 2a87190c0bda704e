import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BROWSER_UA, SingleProcess } from '../../../test/single-process/single-process.js';
import { until } from '../../../test/until.js';

/**
 * `npm start` as a user runs it (the built single process), stopped and started again on the
 * same data folder: the site, the raw events and the 10-second windows are all still there.
 */
describe('the single process keeps its data through a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sightline-restart-'));
  const app = new SingleProcess(dataDir);

  afterAll(async () => {
    if (app.running) await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers with the same site, events and windows after a stop and a start', async () => {
    await app.start();
    let api = await app.signIn();
    const key = await app.createSite(api, 'Kept', 'https://kept.example');
    const now = Date.now();
    const events = Array.from({ length: 5 }, (_, i) => ({
      id: randomUUID(),
      type: 'pageview',
      visitor: `v${i}`,
      session: `s${i}`,
      ts: now - 1_000 + i,
      url: `https://kept.example/page-${i}`,
    }));
    const collected = await fetch(`${app.ingest}/api/collect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': BROWSER_UA },
      body: JSON.stringify({ site: key, sentAt: now, events }),
    });
    expect(await collected.json()).toEqual({ accepted: 5, rejected: [] });

    const range = `from=${now - 3_600_000}&to=${now + 60_000}`;
    const read = async () => {
      const search = (await (await api(`/api/sites/${key}/events?${range}`)).json()) as {
        total: number;
      };
      const series = (await (
        await api(`/api/sites/${key}/series?${range}&fields=pageviews&step=3600000`)
      ).json()) as { points: { values: { pageviews: number } }[] };
      const pageviews = series.points.reduce((sum, p) => sum + p.values.pageviews, 0);
      return { events: search.total, pageviews };
    };
    await until(async () => (await read()).pageviews === 5 && (await read()).events === 5, {
      what: 'the visit stored',
    });

    expect((await app.stop()).code).toBe(0);
    await app.start();
    api = await app.signIn();
    const sites = (await (await api('/api/sites')).json()) as { key: string }[];
    expect(sites.map((s) => s.key)).toContain(key);
    expect(await read()).toEqual({ events: 5, pageviews: 5 });
  });
});
