import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Deadlines of each request, kept per connection: its headers must have arrived `headersMs`
 * after the connection opened (`keepAliveMs + headersMs` after the previous answer on a kept-alive
 * one), and its body `requestMs` after its headers; past either the connection is closed. Node's own header and request timeouts are
 * checked on a 30-second beat and were seen to leave stalled headers and bodies open for
 * minutes; these timers are each request's own. Upgraded connections (WebSockets) and answers
 * still being sent (server-sent events) have none.
 */
export function enforceRequestDeadlines(
  server: Server,
  limits: { headersMs: number; requestMs: number; keepAliveMs: number },
): void {
  const headerDeadlines = new WeakMap<Socket, NodeJS.Timeout>();
  const awaitHeaders = (socket: Socket, ms: number) => {
    headersArrived(socket);
    const deadline = setTimeout(() => {
      // Node frees the connection's HTTP parser when it is upgraded (a WebSocket): that one is
      // no longer waiting for headers.
      if ((socket as { parser?: unknown }).parser !== null) socket.destroy();
    }, ms);
    deadline.unref();
    headerDeadlines.set(socket, deadline);
  };
  const headersArrived = (socket: Socket) => {
    clearTimeout(headerDeadlines.get(socket));
    headerDeadlines.delete(socket);
  };

  server.on('connection', (socket: Socket) => {
    awaitHeaders(socket, limits.headersMs);
    socket.once('close', () => headersArrived(socket));
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    headersArrived(request.socket);
    awaitBody(request, limits.requestMs);
    // The next request on a kept-alive connection: Node closes the connection idle for
    // `keepAliveMs` itself (gracefully, as its Keep-Alive header announced), so this deadline
    // only ends one whose next headers started but never finished; it comes after Node's, so a
    // request arriving just as the connection idles out is never cut by it.
    response.once('finish', () => {
      if (!request.socket.destroyed)
        awaitHeaders(request.socket, limits.keepAliveMs + limits.headersMs);
    });
  });
}

function awaitBody(request: IncomingMessage, requestMs: number): void {
  const deadline = setTimeout(() => {
    if (!request.complete) request.socket.destroy();
  }, requestMs);
  deadline.unref();
  const clear = () => clearTimeout(deadline);
  request.once('end', clear);
  request.once('close', clear);
}
