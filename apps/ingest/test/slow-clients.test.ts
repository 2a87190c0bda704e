import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBus, topicSpecs } from '@sightline/bus';
import { loadConfig } from '@sightline/config';
import { FileConfigStore, Sites } from '@sightline/config-store';
import { CLIENT_TIMEOUTS, createLogger, createMetrics } from '@sightline/observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startIngest, type Ingest } from '../src/index.js';
import { CHROME_UA } from './harness.js';

const logger = createLogger('slow-clients-test', 'silent');
const config = loadConfig({});
/** Headers must arrive within 10 s of the connection. */
const HEADERS_WITHIN_MS = 10_000;
/** The request's deadline, and a margin for a busy machine. */
const CLOSED_WITHIN_MS = CLIENT_TIMEOUTS.requestTimeout + 5_000;

describe('ingest and clients that send slowly', () => {
  let dir: string;
  let bus: EmbeddedBus;
  let store: FileConfigStore;
  let ingest: Ingest;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sightline-slow-'));
    bus = new EmbeddedBus({ topics: topicSpecs(config.kafka), logger });
    store = new FileConfigStore(join(dir, 'config.json'));
    await store.start();
    await new Sites(store).put({ key: 'shop', name: 'shop', origins: ['*'], createdAt: 0 });
    ingest = await startIngest({
      bus,
      configStore: store,
      logger,
      registry: createMetrics('ingest'),
      secret: 'slow-clients-test',
      host: '127.0.0.1',
      port: 0,
      topicPrefix: config.kafka.topicPrefix,
    });
  });
  afterAll(async () => {
    await ingest?.close();
    await bus?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'closes connections whose headers or body never finish, keeps quiet WebSockets, and serves everyone else meanwhile',
    async () => {
      const { hostname, port } = new URL(ingest.url);
      const started = Date.now();
      // Twenty clients announce a 1,000-byte body, send ten bytes and stall.
      const closed = Array.from(
        { length: 20 },
        () =>
          new Promise<number>((resolve) => {
            const socket: Socket = connect(Number(port), hostname, () => {
              socket.write(
                `POST /api/collect HTTP/1.1\r\nHost: ${hostname}\r\n` +
                  'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"site":"s',
              );
            });
            socket.on('error', () => undefined);
            socket.once('close', () => resolve(Date.now() - started));
          }),
      );
      // Five more send half their headers and stall; they have 10 s.
      const headersClosed = Array.from(
        { length: 5 },
        () =>
          new Promise<number>((resolve) => {
            const socket: Socket = connect(Number(port), hostname, () => {
              socket.write(`POST /api/collect HTTP/1.1\r\nHost: ${hostname}\r\n`);
            });
            socket.on('error', () => undefined);
            socket.once('close', () => resolve(Date.now() - started));
          }),
      );
      // A page's WebSocket, quiet all along, is not a slow request: it stays open.
      const page = new WebSocket(`${ingest.url.replace('http', 'ws')}/ws?site=shop&visitor=quiet`, {
        headers: { origin: 'https://shop.test', 'user-agent': CHROME_UA },
      });
      await new Promise((resolve, reject) => {
        page.once('open', resolve);
        page.once('error', reject);
      });
      // Meanwhile a visitor's batch is taken as usual.
      const events = [
        {
          id: randomUUID(),
          type: 'pageview',
          visitor: 'v',
          session: 's',
          ts: Date.now(),
          url: 'https://shop.test/',
        },
      ];
      const answer = await fetch(`${ingest.url}/api/collect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': CHROME_UA },
        body: JSON.stringify({ site: 'shop', sentAt: Date.now(), events }),
      });
      expect(answer.status).toBe(200);
      const headerTimes = await Promise.all(headersClosed);
      expect(Math.min(...headerTimes)).toBeGreaterThanOrEqual(HEADERS_WITHIN_MS - 1_000);
      expect(Math.max(...headerTimes)).toBeLessThan(HEADERS_WITHIN_MS + 5_000);
      const times = await Promise.all(closed);
      expect(page.readyState).toBe(WebSocket.OPEN);
      page.close();
      expect(Math.max(...times)).toBeLessThan(CLOSED_WITHIN_MS);
      // Not before the deadline: a slow but live upload has its 30 seconds.
      expect(Math.min(...times)).toBeGreaterThanOrEqual(CLIENT_TIMEOUTS.requestTimeout - 1_000);
    },
    CLOSED_WITHIN_MS + 10_000,
  );
});
