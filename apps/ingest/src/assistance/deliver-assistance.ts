import { broadcastGroup, type Bus, type Subscription } from '@sightline/bus';
import { assistanceMessage, readJsonMessage } from '@sightline/contract';
import type { Logger } from '@sightline/observability';
import type { IngestMetrics } from '../metrics.js';
import type { WebSocket } from 'ws';
import type { SocketRegistry } from '../ws/socket-registry.js';
import { PendingAssistance } from './pending-assistance.js';
import { UnexpiredCommits } from './unexpired-commits.js';

/**
 * Reads the `assistance` topic as a broadcast — every ingest node in a group of its own, from
 * the end, nothing committed — and writes each message to the open sockets of its visitor on
 * this node. Nodes without such a socket keep it until one opens or it expires; expired
 * messages are never shown.
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
  const send = (socket: WebSocket, id: string, frame: string) => {
    if (registry.hasSeen(socket, id)) return false;
    socket.send(frame);
    registry.markSeen(socket, [id]);
    return true;
  };
  // A socket that opens after its message arrived gets it then (unless it expired meanwhile).
  registry.onAdd((key, socket) => {
    let sent = 0;
    for (const held of pending.take(key, Date.now())) if (send(socket, held.id, held.frame)) sent++;
    if (sent > 0) metrics.assistanceDelivered.inc(sent);
  });
  return options.bus.subscribe({
    topics: [options.topic],
    group: options.group ?? broadcastGroup('ingest-assistance'),
    commit: options.group === undefined ? 'none' : 'manual',
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
        const sockets = registry.socketsOf(assistance.site, assistance.visitor);
        const frame = JSON.stringify({ t: 'assistance', ...assistance });
        if (sockets.size === 0) {
          metrics.assistanceUndeliverable.inc({ reason: 'no_socket_here' });
          pending.hold(`${assistance.site}:${assistance.visitor}`, {
            id: assistance.id,
            frame,
            expiresAt: assistance.expiresAt,
          });
          continue;
        }
        let sent = false;
        for (const socket of sockets) sent = send(socket, assistance.id, frame) || sent;
        if (sent) metrics.assistanceDelivered.inc();
      }
      const commitAt = commits?.commitAt(batch.partition, now);
      if (commitAt !== undefined) await context.commit(String(commitAt));
    },
  });
}
