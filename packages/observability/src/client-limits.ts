import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { enforceRequestDeadlines } from './request-deadlines.js';

/**
 * Timeouts for clients that send slowly: a request (headers and body) must arrive within 30 s,
 * its headers within 10 s, and an idle kept-alive connection is closed after 10 s. Long-lived
 * responses (server-sent events) and upgraded WebSockets are not affected.
 */
export const CLIENT_TIMEOUTS = { requestTimeout: 30_000, keepAliveTimeout: 10_000 } as const;
const HEADERS_TIMEOUT_MS = 10_000;

/**
 * Applies the deadlines of headers and bodies (see enforceRequestDeadlines) and, unless a proxy
 * connects on everyone's behalf (`trustProxy`), closes connections beyond `maxPerAddress` open at
 * once from one address (HTTP and WebSocket alike), so one client cannot hold every socket the
 * process can have.
 */
export function limitClients(
  server: Server,
  options: { maxPerAddress: number; trustProxy: boolean },
): void {
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  enforceRequestDeadlines(server, {
    headersMs: HEADERS_TIMEOUT_MS,
    requestMs: CLIENT_TIMEOUTS.requestTimeout,
    keepAliveMs: CLIENT_TIMEOUTS.keepAliveTimeout,
  });
  if (options.trustProxy) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    if (count > options.maxPerAddress) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
