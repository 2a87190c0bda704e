import { listen, min, now, win } from '../dom.js';
import type { Store } from './store.js';

export type WireEvent = Record<string, unknown>;

export interface Sender {
  _push: (event: WireEvent) => void;
  /** Sends everything queued; with `true`, in a way that survives the page going away. */
  _flush: (beacon?: unknown) => void;
  /** Queues events again after a failed delivery, and retries with backoff. */
  _retry: (events: WireEvent[]) => void;
}

const QUEUE_MAX = 500;

/**
 * Batches events (20, or 1 s; page views and, over an open socket, actions at once), hands them to the WebSocket when it is open and to HTTP otherwise,
 * retries with exponential backoff and jitter (at once when the network comes back), and keeps
 * what could not leave when the page went away (bounded) for the next page.
 */
export function createSender(
  url: string,
  store: Store,
  batch: () => object,
  socket: (events: WireEvent[]) => boolean | undefined,
  /** Whether the socket is open now. */
  live: () => unknown,
): Sender {
  let queue = JSON.parse(store._get('sl_q') || '[]') as WireEvent[];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  store._set('sl_q', '[]');

  const body = (events: WireEvent[]) => JSON.stringify({ ...batch(), sentAt: now(), events });
  const later = (ms: number) => (timer ??= setTimeout(flush, ms));
  const retry = (events: WireEvent[]) => {
    queue = [...events, ...queue].slice(-QUEUE_MAX);
    later(min(60_000, 1_000 * 2 ** attempt++) * (0.5 + Math.random()));
  };
  // `beacon` is true on page hide; timers and the "online" event call it with other values.
  const flush = (beacon?: unknown) => {
    clearTimeout(timer);
    timer = undefined;
    while (queue[0]) {
      // Beacons share a 64 KB budget per page: smaller batches then.
      const events = queue.splice(0, beacon === true ? 20 : SL_LIMITS.batchEvents);
      const text = body(events);
      if (beacon === true) {
        if (!navigator.sendBeacon(url, text)) {
          queue.unshift(...events);
          return store._set('sl_q', JSON.stringify(queue.slice(-50)));
        }
      } else if (!socket(events)) {
        // A string body goes as text/plain: a simple request, no CORS preflight. keepalive lets it
        // outlive the page, within the same 64 KB budget.
        fetch(url, { method: 'POST', body: text, keepalive: text.length < 30_000 })
          // 4xx: these events are invalid and would fail again, so they are dropped.
          .then((response) =>
            response.status > 499 || response.status === 429 ? retry(events) : (attempt = 0),
          )
          .catch(() => retry(events));
      }
    }
  };
  listen('online', flush, win);

  return {
    _push: (event) => {
      if (queue.push(event) > QUEUE_MAX) queue.shift();
      // A page view goes at once (the assistant may answer it while the page is being read), and
      // over an open socket every event but the cursor trail: an action that completes a profile
      // reaches the assistant in milliseconds. Otherwise events wait up to a second, 20 at most.
      if (queue.length > 19 || event.type === 'pageview' || (event.type !== 'cursor' && live()))
        flush();
      else later(1_000);
    },
    _flush: flush,
    _retry: retry,
  };
}
