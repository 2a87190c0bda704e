import type { FastifyReply } from 'fastify';

/** A comment line every so often keeps proxies from closing an idle stream. */
const KEEPALIVE_MS = 15_000;

/**
 * Server-sent events on this request: `send` writes one event (JSON data); `onClose` runs when
 * the browser goes away. Fastify hands the socket over, so the reply is written directly.
 */
export function openEventStream(reply: FastifyReply) {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    // nginx and similar proxies would otherwise buffer the stream.
    'x-accel-buffering': 'no',
  });
  raw.write('retry: 2000\n\n');
  const keepalive = setInterval(() => raw.write(': keepalive\n\n'), KEEPALIVE_MS);
  const closers: (() => void)[] = [() => clearInterval(keepalive)];
  // The response's close, not the request's: a request emits 'close' as soon as its (empty)
  // body has been read, which would end the subscription at once.
  raw.on('close', () => closers.forEach((close) => close()));
  return {
    send(event: string, data: unknown): void {
      raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    onClose(close: () => void): void {
      closers.push(close);
    },
    /** Ends the stream (the server is closing); the browser reconnects after `retry`. */
    end(): void {
      raw.end();
    },
  };
}
