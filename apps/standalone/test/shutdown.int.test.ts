import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/free-port.js';
import { until } from '../../../test/until.js';

const root = join(import.meta.dirname, '..', '..', '..');
const OWNER = { email: 'owner@example.com', password: 'a long enough password' };
const DEADLINE_MS = 10_000;

/** A raw connection that sends `request` and keeps whatever comes back. */
async function open(port: number, request: string): Promise<{ socket: Socket; received: string }> {
  const socket = connect({ host: '127.0.0.1', port });
  const client = { socket, received: '' };
  socket.on('data', (chunk: Buffer) => (client.received += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(request);
  return client;
}

/** Waits until the connection has received `text`, then stops reading from it for good. */
async function stopReadingAfter(client: { socket: Socket; received: string }, text: string) {
  await until(() => client.received.includes(text), { what: `"${text}" received` });
  client.socket.pause();
}

/**
 * `npm start` as a user runs it (the built single process), stopped with SIGTERM while clients
 * hold its ports open in every way a browser, a proxy or an attacker may: a request body that
 * stalls half way, headers that never end, idle keep-alive connections, a WebSocket that never
 * reads (so never answers the close frame), a live stream. It still exits within 10 s, and
 * cleanly (0: every close step finished, not cut by the deadline).
 */
describe('the single process stops within its deadline whatever its clients do', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sightline-shutdown-'));
  const clients: Socket[] = [];
  let child: ChildProcess | undefined;
  let logs = '';

  afterAll(() => {
    for (const socket of clients) socket.destroy();
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exits 0 within 10 s of SIGTERM with hostile connections open on ingest and the admin app', async () => {
    const [webPort, ingestPort, webOpsPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const web = `http://127.0.0.1:${webPort}`;
    child = spawn(process.execPath, [join(root, 'apps/standalone/dist/main.js')], {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        WEB_PORT: String(webPort),
        INGEST_PORT: String(ingestPort),
        PROCESSOR_PORT: '0',
        CHATBOT_PORT: '0',
        ALERTER_PORT: '0',
        WEB_OPS_PORT: String(webOpsPort),
        INGEST_OPS_PORT: '0',
        SIGHTLINE_OWNER_EMAIL: OWNER.email,
        SIGHTLINE_OWNER_PASSWORD: OWNER.password,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child!.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const ready = `http://127.0.0.1:${webOpsPort}/readyz`;
    await until(async () => (await fetch(ready).catch(() => undefined))?.ok === true, {
      what: 'the single process ready',
      timeoutMs: 60_000,
    });

    const login = await fetch(`${web}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: web },
      body: JSON.stringify(OWNER),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const created = await fetch(`${web}/api/sites`, {
      method: 'POST',
      headers: { cookie, origin: web, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Hostile', origins: ['https://hostile.example'] }),
    });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };

    const stalledBody = (port: number, path: string) =>
      open(
        port,
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"site":"x`,
      );
    const stalledHeaders = (port: number) =>
      open(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    const idleKeepAlive = async (port: number, path: string) => {
      const client = await open(
        port,
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`,
      );
      await until(() => client.received.includes('\r\n\r\n'), { what: `${path} answered` });
      return client;
    };

    const ingestClients = [
      await stalledBody(ingestPort, '/api/collect'),
      await stalledHeaders(ingestPort),
      await idleKeepAlive(ingestPort, '/healthz'),
      await open(
        ingestPort,
        `GET /ws?site=${key}&visitor=v1 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    ];
    // The WebSocket is open; from now on it never reads, so never answers the close frame.
    await stopReadingAfter(ingestClients[3]!, 'HTTP/1.1 101');
    const webClients = [
      await stalledBody(webPort, '/api/login'),
      await stalledHeaders(webPort),
      await idleKeepAlive(webPort, '/api/healthz'),
      await open(
        webPort,
        `GET /api/sites/${key}/live HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nAccept: text/event-stream\r\n\r\n`,
      ),
    ];
    await stopReadingAfter(webClients[3]!, 'retry: 2000');
    clients.push(...[...ingestClients, ...webClients].map((client) => client.socket));

    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const exit = await Promise.race([
      exited,
      new Promise<undefined>((resolve) =>
        setTimeout(() => resolve(undefined), DEADLINE_MS + 10_000),
      ),
    ]);
    const ms = Date.now() - signalledAt;
    const steps = logs
      .split('\n')
      .filter((line) => line.includes('"msg":"closed"'))
      .map((line) => JSON.parse(line) as { step: string; ms: number })
      .map((step) => `${step.step} ${step.ms} ms`);
    console.log(
      exit
        ? `exited ${ms} ms after SIGTERM (${steps.join(', ')})`
        : `still running ${ms} ms after SIGTERM`,
    );
    expect(exit, `still running 20 s after SIGTERM; its log:\n${logs}`).toBeDefined();
    expect(ms, logs).toBeLessThan(DEADLINE_MS);
    expect(exit, logs).toEqual({ code: 0, signal: null });
    expect(logs).not.toContain('shutdown did not finish in time');
    child = undefined;
  });
});
