import type { WireEvent } from '../core/sender.js';
import { min } from '../dom.js';

export interface Socket {
  _open: () => void;
  /** Sends a batch if the socket is open; false otherwise (the caller uses HTTP). */
  _send: (batch: object, events: WireEvent[]) => boolean;
  /** Closes until the next `_open` (page hidden), handing back what was not acknowledged. */
  _close: () => void;
  /** Whether it is open now (events then go at once). */
  _live: () => boolean;
}

export interface ServerMessage {
  t: string;
  n?: number;
  status?: number;
}

/**
 * The WebSocket channel: carries batches while open — each acknowledged by the server once the
 * bus has it — receives server pushes, and reconnects with exponential backoff and jitter.
 * Batches not acknowledged, or refused with a 5xx, go to `undelivered` (HTTP takes over).
 */
export function createSocket(
  /** Asked at each (re)connect: it may say what the page has already been sent. */
  url: () => string,
  push: (message: ServerMessage) => void,
  undelivered: (events: WireEvent[]) => void,
): Socket {
  let ws: WebSocket | undefined;
  let n = 0;
  let attempt = 0;
  let closed = false;
  let pending: Record<number, WireEvent[]> = {};
  const giveBack = () => {
    Object.values(pending).forEach(undelivered);
    pending = {};
  };
  const open = () => {
    closed = false;
    if (ws) return;
    ws = new WebSocket(url());
    ws.onopen = () => (attempt = 0);
    ws.onmessage = ({ data }) => {
      const message = JSON.parse(data as string) as ServerMessage;
      if (message.t !== 'ack') return push(message);
      const events = pending[message.n!];
      delete pending[message.n!];
      if (events && message.status! > 499) undelivered(events);
    };
    ws.onclose = () => {
      ws = undefined;
      giveBack();
      if (!closed) setTimeout(open, min(60_000, 1_000 * 2 ** attempt++) * (0.5 + Math.random()));
    };
  };
  return {
    _open: open,
    _send: (batch, events) => {
      if (ws?.readyState !== 1) return false;
      pending[++n] = events;
      ws.send(JSON.stringify({ t: 'batch', n, ...batch, sentAt: Date.now(), events }));
      return true;
    },
    _close: () => {
      closed = true;
      ws?.close();
      giveBack();
    },
    _live: () => ws?.readyState === 1,
  };
}
