import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PAGE_WAIT_MS } from '../src/assistance/deliver-assistance.js';
import { CHROME_UA, startHarness, type Harness } from './harness.js';

function connect(
  url: string,
  origin = 'http://shop.test',
): Promise<{ ws: WebSocket; frames: Record<string, unknown>[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { origin, 'user-agent': CHROME_UA } });
    const frames: Record<string, unknown>[] = [];
    ws.on('message', (data) =>
      frames.push(JSON.parse((data as Buffer).toString('utf8')) as Record<string, unknown>),
    );
    ws.once('open', () => resolve({ ws, frames }));
    ws.once('unexpected-response', (_request, response) =>
      reject(new Error(`HTTP ${response.statusCode}`)),
    );
    ws.once('error', reject);
  });
}

const pageview = (visitor: string) => ({
  id: randomUUID(),
  type: 'pageview',
  visitor,
  session: 's',
  ts: Date.now(),
  url: 'http://shop.test/',
});

const assistance = (visitor: string, overrides: Record<string, unknown> = {}) => ({
  v: 1,
  id: randomUUID(),
  site: 'shop',
  visitor,
  profileId: 'graduate',
  text: 'Looking for graduate programmes? Our advisers can help.',
  createdAt: Date.now(),
  expiresAt: Date.now() + 60_000,
  ...overrides,
});

describe('the WebSocket channel on real Kafka', () => {
  let h: Harness;
  let ws: string;
  beforeAll(async () => {
    h = await startHarness();
    ws = `${h.url.replace('http', 'ws')}/ws?site=shop`;
  });
  afterAll(async () => {
    await h.stop();
  });

  it('acknowledges each batch once the bus has it', async () => {
    const { ws: socket, frames } = await connect(`${ws}&visitor=ws-1`);
    const event = pageview('ws-1');
    socket.send(
      JSON.stringify({ t: 'batch', n: 7, site: 'shop', sentAt: Date.now(), events: [event] }),
    );
    await expect
      .poll(() => frames.find((f) => f.t === 'ack'))
      .toMatchObject({ t: 'ack', n: 7, status: 200, accepted: 1 });
    await expect
      .poll(() => h.received.some((r) => r.event.id === event.id), { timeout: 15_000 })
      .toBe(true);
    socket.close();
  });

  it('answers a bad frame with an error and keeps the connection', async () => {
    const { ws: socket, frames } = await connect(`${ws}&visitor=ws-2`);
    socket.send('{not json');
    socket.send(JSON.stringify({ t: 'hello' }));
    socket.send(JSON.stringify({ t: 'batch', n: 1, site: 'shop', events: [{ type: 'pageview' }] }));
    socket.send(JSON.stringify({ t: 'batch', n: 2, site: 'shop', events: [pageview('ws-2')] }));
    await expect.poll(() => frames.length).toBe(4);
    expect(frames.map((f) => [f.t, f.t === 'ack' ? f.status : f.error])).toEqual([
      ['error', 'invalid_json'],
      ['error', 'unknown_frame'],
      ['ack', 400],
      ['ack', 200],
    ]);
    socket.close();
  });

  it('refuses the upgrade for an unknown site or a foreign origin', async () => {
    await expect(connect(`${h.url.replace('http', 'ws')}/ws?site=nope&visitor=x`)).rejects.toThrow(
      'HTTP 401',
    );
    await expect(connect(`${ws}&visitor=x`, 'https://evil.example')).rejects.toThrow('HTTP 403');
  });

  it('delivers a message once, to the socket of the page view it is for, and not an expired one', async () => {
    const tab1 = await connect(`${ws}&visitor=ws-3&page=page-one`);
    const tab2 = await connect(`${ws}&visitor=ws-3&page=page-two`);
    const other = await connect(`${ws}&visitor=ws-4`);
    const message = assistance('ws-3', { page: 'page-one' });
    await h.publishAssistance(assistance('ws-3', { expiresAt: Date.now() - 1, text: 'too late' }));
    await h.publishAssistance(message);
    await expect
      .poll(() => tab1.frames.filter((f) => f.t === 'assistance'), { timeout: 15_000 })
      .toEqual([{ t: 'assistance', ...message }]);
    // A page moves on (a single-page app's navigation, sent over its socket): the next message
    // for its new page view finds it there.
    const moved = { ...pageview('ws-3'), page: 'page-three' };
    tab2.ws.send(
      JSON.stringify({ t: 'batch', n: 1, site: 'shop', sentAt: Date.now(), events: [moved] }),
    );
    await expect.poll(() => tab2.frames.some((f) => f.t === 'ack')).toBe(true);
    const next = assistance('ws-3', { page: 'page-three' });
    await h.publishAssistance(next);
    await expect
      .poll(() => tab2.frames.filter((f) => f.t === 'assistance'), { timeout: 15_000 })
      .toEqual([{ t: 'assistance', ...next }]);
    expect(tab1.frames.filter((f) => f.t === 'assistance')).toHaveLength(1);
    expect(other.frames).toEqual([]);
    for (const socket of [tab1, tab2, other]) socket.ws.close();
  });

  it('holds a message until its page connects, and gives it to the visitor’s page there when its own does not come', async () => {
    const early = assistance('ws-6', { page: 'late-page' });
    await h.publishAssistance(early);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const late = await connect(`${ws}&visitor=ws-6&page=late-page`);
    await expect
      .poll(() => late.frames.filter((f) => f.t === 'assistance'), { timeout: 15_000 })
      .toEqual([{ t: 'assistance', ...early }]);
    // Its page never connects: after the wait, the visitor's open page shows it.
    const orphan = assistance('ws-6', { page: 'gone-page' });
    await h.publishAssistance(orphan);
    await expect
      .poll(() => late.frames.filter((f) => f.t === 'assistance'), { timeout: 15_000 })
      .toEqual([
        { t: 'assistance', ...early },
        { t: 'assistance', ...orphan },
      ]);
    late.ws.close();
    // Both waited here, from the event's receipt (`createdAt`): at least the 500 ms before the
    // page connected, and the page wait for the orphan.
    const metrics = await (await fetch(`${h.opsUrl}/metrics`)).text();
    const held = (suffix: string) =>
      Number(
        new RegExp(
          `^sightline_ingest_assistance_seconds_${suffix}\\{[^}]*held="true"[^}]*\\} (\\S+)$`,
          'm',
        ).exec(metrics)?.[1],
      );
    expect(held('count')).toBeGreaterThanOrEqual(2);
    expect(held('sum')).toBeGreaterThanOrEqual(0.5 + PAGE_WAIT_MS / 1_000);
  });

  it('does not send a page a message it says it has had (a reconnect after a restart)', async () => {
    const had = assistance('ws-5');
    const fresh = assistance('ws-5');
    const page = await connect(`${ws}&visitor=ws-5&seen=${had.id},not/an/id`);
    await h.publishAssistance(had);
    await h.publishAssistance(fresh);
    await expect
      .poll(() => page.frames.filter((f) => f.t === 'assistance'), { timeout: 15_000 })
      .toEqual([{ t: 'assistance', ...fresh }]);
    // Nor the same message twice on one connection.
    await h.publishAssistance(fresh);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(page.frames.filter((f) => f.t === 'assistance')).toHaveLength(1);
    page.ws.close();
  });

  it('holds 10,000 idle sockets on one node and still delivers to one of them', async () => {
    const before = process.memoryUsage().rss;
    const clients = spawn(
      process.execPath,
      [join(import.meta.dirname, 'fixtures', 'idle-sockets.mjs'), ws, '10000'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    clients.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await expect.poll(() => output, { timeout: 60_000, interval: 200 }).toMatch(/open 10000/);
      expect(output).not.toMatch(/^error/m);
      await expect
        .poll(() => h.ingest.registry.visitors, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(10_000);
      const message = assistance('idle-0');
      await h.publishAssistance(message);
      await expect.poll(() => output, { timeout: 15_000 }).toContain(`"id":"${message.id}"`);
      // HTTP keeps answering at once with the sockets open.
      const started = performance.now();
      expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
      expect(performance.now() - started).toBeLessThan(1_000);
      const perSocket = (process.memoryUsage().rss - before) / 10_000;
      console.log(
        `10,000 idle sockets: ~${Math.round(perSocket / 1024)} KiB of server memory each`,
      );
    } finally {
      clients.kill();
    }
  }, 120_000);
});
