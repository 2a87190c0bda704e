import { type Bus, type Subscription } from '@sightline/ports';
import { broadcastGroup } from '@sightline/bus';
import { assistanceMessage, readJsonMessage } from '@sightline/contract';
import type { Logger } from '@sightline/observability';
import type { WebSocket } from 'ws';
import type { IngestMetrics } from '../metrics.js';
import type { SocketRegistry } from '../ws/socket-registry.js';
import { PendingAssistance, type Held } from './pending-assistance.js';
import { UnexpiredCommits } from './unexpired-commits.js';

/**
 * How long a message waits for the socket of the page view it is addressed to (a page's socket
 * opens a moment after the page loads) before that page is taken to be gone and the visitor's
 * most recent page shows it.
 */
export const PAGE_WAIT_MS = 3_000;
const FALLBACK_CHECK_MS = 250;

/**
 * Reads the `assistance` topic as a broadcast — every ingest node in a group of its own, from
 * the end, nothing committed — and writes each message once, to the socket of the page view it
 * is addressed to. A node without that socket keeps the message until the page's socket opens
 * here; after PAGE_WAIT_MS the visitor's most recent page here takes it instead. The tracker
 * closes a hidden page's socket, so an open socket is a page in view. Expired messages are never
 * shown.
 *
 * A node that is the only one (the single process) reads in a `group` of its own instead, and
 * commits up to the first message not yet expired (see UnexpiredCommits): after a restart it
 * reads again every message that could still be shown, so a message decided — or written to a
 * socket — just before a crash still reaches the visitor when their page reconnects. A page says
 * on connecting which messages it has had (`seen`), so none is sent to it twice.
 */
export async function deliverAssistance(options: {
  bus: Bus;
  topic: string;
  registry: SocketRegistry;
  metrics: IngestMetrics;
  logger: Logger;
  group?: string;
}): Promise<Subscription> {
  const { registry, metrics, logger } = options;
  const pending = new PendingAssistance();
  const commits = options.group === undefined ? undefined : new UnexpiredCommits();
  /** Sends the message to the socket unless its page has had it; says whether it sent. */
  const send = (socket: WebSocket, held: Held, wasHeld: boolean) => {
    if (registry.hasSeen(socket, held.id)) return false;
    socket.send(held.frame);
    registry.markSeen(socket, [held.id]);
    metrics.assistanceDelivered.inc();
    metrics.assistanceSeconds.observe(
      { held: String(wasHeld) },
      Math.max(0, Date.now() - held.receivedAt) / 1_000,
    );
    return true;
  };
  const sendAll = (socket: WebSocket, list: Held[]) => {
    for (const held of list) send(socket, held, true);
  };
  // A socket that opens (or a page that moves on) after its message arrived gets it then.
  registry.onAdd((key, socket) =>
    sendAll(socket, pending.take(key, registry.page(socket), Date.now())),
  );
  // A message whose page did not connect in time goes to the visitor's most recent page.
  const fallback = setInterval(() => {
    const now = Date.now();
    for (const key of pending.due(now)) {
      const colon = key.indexOf(':');
      const sockets = [...registry.socketsOf(key.slice(0, colon), key.slice(colon + 1))];
      const newest = sockets.at(-1);
      if (newest) sendAll(newest, pending.take(key, registry.page(newest), now));
    }
  }, FALLBACK_CHECK_MS);
  fallback.unref();

  const subscription = await options.bus.subscribe({
    topics: [options.topic],
    group: options.group ?? broadcastGroup('ingest-assistance'),
    commit: options.group === undefined ? 'none' : 'manual',
    // A message goes to the page once decided; a page is never shown one message twice.
    readUnsynced: true,
    handleBatch: async (batch, context) => {
      const now = Date.now();
      for (const message of batch.messages) {
        const assistance = readJsonMessage(message.value, assistanceMessage);
        commits?.read(batch.partition, BigInt(message.offset), assistance?.expiresAt ?? 0);
        if (!assistance) {
          metrics.assistanceUndeliverable.inc({ reason: 'invalid' });
          logger.warn({ offset: message.offset }, 'invalid assistance message skipped');
          continue;
        }
        if (assistance.expiresAt <= now) {
          metrics.assistanceUndeliverable.inc({ reason: 'expired' });
          continue;
        }
        const held: Held = {
          id: assistance.id,
          frame: JSON.stringify({ t: 'assistance', ...assistance }),
          receivedAt: assistance.createdAt,
          expiresAt: assistance.expiresAt,
          ...(assistance.page ? { page: assistance.page } : {}),
          fallbackAt: now + PAGE_WAIT_MS,
        };
        const sockets = [...registry.socketsOf(assistance.site, assistance.visitor)];
        // Its own page's socket, else (a message for no page in particular) the newest page.
        const target = assistance.page
          ? sockets.findLast((socket) => registry.page(socket) === assistance.page)
          : sockets.at(-1);
        if (!target) {
          metrics.assistanceUndeliverable.inc({ reason: 'no_socket_here' });
          pending.hold(`${assistance.site}:${assistance.visitor}`, held);
          continue;
        }
        send(target, held, false);
      }
      const commitAt = commits?.commitAt(batch.partition, now);
      if (commitAt !== undefined) await context.commit(String(commitAt));
    },
  });
  return {
    group: subscription.group,
    pause: () => subscription.pause(),
    resume: () => subscription.resume(),
    close: async () => {
      clearInterval(fallback);
      await subscription.close();
    },
  };
}
