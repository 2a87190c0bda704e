import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { originAllowed } from '@sightline/config-store';
import { LIMITS } from '@sightline/contract';
import type { Logger } from '@sightline/observability';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { collectBatch, type CollectDeps } from '../collect/collect-batch.js';
import { requestOrigin } from '../http/request-facts.js';
import type { SocketRegistry } from './socket-registry.js';

const PING_EVERY_MS = 30_000;

export interface SocketServer {
  /** Refuses new sockets, asks each open one to close (1001) and resolves once all are gone. */
  close(): Promise<void>;
  /** Cuts the sockets still open: clients that never answered the close frame. */
  terminate(): void;
}

interface Alive extends WebSocket {
  alive?: boolean;
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * GET /ws?site=KEY&visitor=ID: the tracker's WebSocket. Frames are collect batches
 * (`{ t: "batch", n, site, events… }`), each answered `{ t: "ack", n, status, … }` once the bus
 * has it — the same path and statuses as POST /api/collect. The server pushes assistance
 * messages the other way. Dead connections are found by ping/pong and closed.
 */
export function startSocketServer(options: {
  server: Server;
  deps: CollectDeps;
  registry: SocketRegistry;
  logger: Logger;
  clientIp: (request: IncomingMessage) => string;
}): SocketServer {
  const { deps, registry, logger } = options;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: LIMITS.bodyBytes,
    perMessageDeflate: false,
  });

  let closing = false;
  options.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A keep-alive connection opened before the close may still ask for an upgrade.
    if (closing) return refuseUpgrade(socket, 503, 'Service Unavailable');
    const url = new URL(request.url ?? '/', 'http://ingest');
    if (url.pathname !== '/ws') return refuseUpgrade(socket, 404, 'Not Found');
    const siteKey = url.searchParams.get('site') ?? '';
    const visitor = url.searchParams.get('visitor') ?? '';
    const seen = seenIds(url.searchParams.get('seen'));
    const page = url.searchParams.get('page');
    const site = deps.sites.get(siteKey);
    if (!site) return refuseUpgrade(socket, 401, 'Unauthorized');
    const origin = requestOrigin(request.headers);
    if (origin && !originAllowed(site, origin)) return refuseUpgrade(socket, 403, 'Forbidden');
    wss.handleUpgrade(request, socket, head, (ws) => {
      const alive = ws as Alive;
      alive.alive = true;
      registry.markSeen(ws, seen);
      if (page !== null && PAGE_ID.test(page)) registry.setPage(ws, page);
      if (/^[A-Za-z0-9_-]{1,64}$/.test(visitor)) registry.add(siteKey, visitor, ws);
      deps.metrics.sockets.inc();
      const ip = options.clientIp(request);
      const userAgent = request.headers['user-agent'] ?? '';
      ws.on('pong', () => (alive.alive = true));
      ws.on('close', () => {
        registry.remove(ws);
        deps.metrics.sockets.dec();
      });
      ws.on('error', (error) => logger.debug({ err: error.message }, 'socket error'));
      ws.on('message', (data: RawData, isBinary: boolean) => {
        void handleFrame(ws, data, isBinary, { origin, ip, userAgent });
      });
    });
  });

  async function handleFrame(
    ws: WebSocket,
    data: RawData,
    isBinary: boolean,
    request: { origin: string | undefined; ip: string; userAgent: string },
  ): Promise<void> {
    let frame: { t?: unknown; n?: unknown };
    let bodyBytes = 0;
    try {
      if (isBinary) throw new Error('binary frame');
      const text = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      bodyBytes = text.byteLength;
      frame = JSON.parse(text.toString('utf8')) as typeof frame;
    } catch {
      ws.send(
        JSON.stringify({ t: 'error', error: 'invalid_json', message: 'frames are JSON text' }),
      );
      return;
    }
    if (frame?.t !== 'batch') {
      ws.send(
        JSON.stringify({
          t: 'error',
          error: 'unknown_frame',
          message: 'expected { t: "batch", … }',
        }),
      );
      return;
    }
    // The page view this socket's page is on now, known before its events reach the assistant:
    // a message its page view triggers is addressed to it.
    const page = lastPageOf(frame);
    if (page !== undefined) registry.setPage(ws, page);
    try {
      const outcome = await collectBatch(
        { body: frame, bodyBytes, ...request, receivedAt: Date.now() },
        deps,
      );
      deps.metrics.requests.inc({ route: 'ws', status: outcome.status });
      if (outcome.status === 200) {
        const site = (frame as { site: string }).site;
        // Cookieless visitors get their id from ingest: reach their socket under it too.
        for (const visitor of outcome.visitors) registry.add(site, visitor, ws);
      }
      const retryAfter = outcome.status === 200 ? undefined : outcome.retryAfter;
      ws.send(
        JSON.stringify({
          t: 'ack',
          n: frame.n,
          status: outcome.status,
          ...outcome.body,
          ...(retryAfter ? { retryAfter } : {}),
        }),
      );
    } catch (error) {
      logger.error({ err: String(error) }, 'socket batch failed');
      ws.send(
        JSON.stringify({
          t: 'ack',
          n: frame.n,
          status: 500,
          error: 'internal',
          message: 'unexpected error',
        }),
      );
    }
  }

  const ping = setInterval(() => {
    for (const client of wss.clients) {
      const alive = client as Alive;
      if (!alive.alive) {
        client.terminate();
        continue;
      }
      alive.alive = false;
      client.ping();
    }
  }, PING_EVERY_MS);
  ping.unref();

  return {
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        clearInterval(ping);
        for (const client of wss.clients) client.close(1001, 'server going away');
        // With noServer, ws calls back once the last client is gone.
        wss.close(() => resolve());
      }),
    terminate() {
      for (const client of wss.clients) client.terminate();
    },
  };
}

/** Page view ids as the contract allows them (opaque ids). */
const PAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The page id of the last event of a batch frame that names one, if well formed. */
function lastPageOf(frame: unknown): string | undefined {
  const events = (frame as { events?: unknown }).events;
  if (!Array.isArray(events)) return undefined;
  for (let i = events.length - 1; i >= 0; i--) {
    const page = (events[i] as { page?: unknown } | null)?.page;
    if (typeof page === 'string') return PAGE_ID.test(page) ? page : undefined;
  }
  return undefined;
}

/** Assistance ids a page says it was sent already (`seen=ID,ID…`): at most 50 plain ids. */
function seenIds(value: string | null): string[] {
  if (!value) return [];
  return value.split(',', 50).filter((id) => /^[A-Za-z0-9-]{1,64}$/.test(id));
}
