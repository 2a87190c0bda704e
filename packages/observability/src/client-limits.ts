import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Timeouts for clients that send slowly: a request (headers and body) must arrive within 30 s,
 * its headers within 10 s, and an idle kept-alive connection is closed after 10 s. Long-lived
 * responses (server-sent events) and upgraded WebSockets are not affected.
 */
export const CLIENT_TIMEOUTS = { requestTimeout: 30_000, keepAliveTimeout: 10_000 } as const;
const HEADERS_TIMEOUT_MS = 10_000;

/**
 * Applies the header timeout and, unless a proxy connects on everyone's behalf (`trustProxy`),
 * closes connections beyond `maxPerAddress` open at once from one address (HTTP and WebSocket
 * alike), so one client cannot hold every socket the process can have.
 */
export function limitClients(
  server: Server,
  options: { maxPerAddress: number; trustProxy: boolean },
): void {
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.on('request', closeUnfinishedBodies);
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

/**
 * A request whose body has not all arrived `requestTimeout` after its headers loses its
 * connection. Node's own request timeout is checked on a 30-second beat and, once the request
 * has reached the application, does not always end a body that stalls (connections holding a
 * partial body were seen open for minutes); this deadline is the request's own.
 */
function closeUnfinishedBodies(request: IncomingMessage): void {
  const deadline = setTimeout(() => {
    if (!request.complete) request.socket.destroy();
  }, CLIENT_TIMEOUTS.requestTimeout);
  deadline.unref();
  const clear = () => clearTimeout(deadline);
  request.once('end', clear);
  request.once('close', clear);
}
