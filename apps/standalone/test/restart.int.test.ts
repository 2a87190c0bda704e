import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { until } from '../../../test/until.js';
import { freePort } from '../../../test/free-port.js';

const root = join(import.meta.dirname, '..', '..', '..');
const OWNER = { email: 'owner@example.com', password: 'a long enough password' };

/**
 * `npm start` as a user runs it (the built single process), stopped and started again on the
 * same data folder: the site, the raw events and the 10-second windows are all still there.
 */
describe('the single process keeps its data through a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sightline-restart-'));
  let child: ChildProcess | undefined;
  let web = '';
  let ingest = '';

  async function start(): Promise<void> {
    const [webPort, ingestPort] = [await freePort(), await freePort()];
    web = `http://127.0.0.1:${webPort}`;
    ingest = `http://127.0.0.1:${ingestPort}`;
    child = spawn(process.execPath, [join(root, 'apps/standalone/dist/main.js')], {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        WEB_PORT: String(webPort),
        INGEST_PORT: String(ingestPort),
        PROCESSOR_PORT: '0',
        CHATBOT_PORT: '0',
        SIGHTLINE_OWNER_EMAIL: OWNER.email,
        SIGHTLINE_OWNER_PASSWORD: OWNER.password,
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    await until(async () => (await fetch(`${web}/readyz`).catch(() => undefined))?.ok === true, {
      what: 'the single process ready',
      timeoutMs: 60_000,
    });
  }

  async function stop(): Promise<void> {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    await exited;
    child = undefined;
  }

  async function signIn(): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
    const response = await fetch(`${web}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: web },
      body: JSON.stringify(OWNER),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    return (path, init = {}) =>
      fetch(`${web}${path}`, {
        ...init,
        headers: { cookie, origin: web, 'content-type': 'application/json', ...init.headers },
      });
  }

  afterAll(async () => {
    if (child) await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers with the same site, events and windows after a stop and a start', async () => {
    await start();
    let api = await signIn();
    const created = await api('/api/sites', {
      method: 'POST',
      body: JSON.stringify({ name: 'Kept', origins: ['https://kept.example'] }),
    });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    const now = Date.now();
    const events = Array.from({ length: 5 }, (_, i) => ({
      id: randomUUID(),
      type: 'pageview',
      visitor: `v${i}`,
      session: `s${i}`,
      ts: now - 1_000 + i,
      url: `https://kept.example/page-${i}`,
    }));
    const collected = await fetch(`${ingest}/api/collect`, {
      method: 'POST',
      // A browser's user agent: Node's own would be counted as a bot, apart from visitors.
      headers: {
        'content-type': 'application/json',
        'user-agent':
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      },
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

    await stop();
    await start();
    api = await signIn();
    const sites = (await (await api('/api/sites')).json()) as { key: string }[];
    expect(sites.map((s) => s.key)).toContain(key);
    expect(await read()).toEqual({ events: 5, pageviews: 5 });
  });
});
