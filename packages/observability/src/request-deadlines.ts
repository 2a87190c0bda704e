import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Deadlines of each request, kept per connection: its headers must have arrived `headersMs`
 * after the connection opened or its previous answer was sent, and its body `requestMs` after its
 * headers; past either the connection is closed. Node's own header and request timeouts are
 * checked on a 30-second beat and were seen to leave stalled headers and bodies open for
 * minutes; these timers are each request's own. Upgraded connections (WebSockets) and answers
 * still being sent (server-sent events) have none.
 */
export function enforceRequestDeadlines(
  server: Server,
  limits: { headersMs: number; requestMs: number },
): void {
  const headerDeadlines = new WeakMap<Socket, NodeJS.Timeout>();
  const awaitHeaders = (socket: Socket) => {
    headersArrived(socket);
    const deadline = setTimeout(() => {
      // Node frees the connection's HTTP parser when it is upgraded (a WebSocket): that one is
      // no longer waiting for headers.
      if ((socket as { parser?: unknown }).parser !== null) socket.destroy();
    }, limits.headersMs);
    deadline.unref();
    headerDeadlines.set(socket, deadline);
  };
  const headersArrived = (socket: Socket) => {
    clearTimeout(headerDeadlines.get(socket));
    headerDeadlines.delete(socket);
  };

  server.on('connection', (socket: Socket) => {
    awaitHeaders(socket);
    socket.once('close', () => headersArrived(socket));
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    headersArrived(request.socket);
    awaitBody(request, limits.requestMs);
    // The next request on a kept-alive connection has its own deadline from here.
    response.once('finish', () => {
      if (!request.socket.destroyed) awaitHeaders(request.socket);
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
