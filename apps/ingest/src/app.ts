import type { AddressInfo } from 'node:net';
import type { Bus, ConfigStore } from '@sightline/ports';
import { TOPIC, topicName } from '@sightline/bus';
import { Sites } from '@sightline/config-store';
import {
  closeWithGrace,
  opsRoutes,
  startOpsServer,
  type Logger,
  type Registry,
} from '@sightline/observability';
import { deliverAssistance } from './assistance/deliver-assistance.js';
import { startPartitionClock } from './clock/partition-clock.js';
import type { CollectDeps } from './collect/collect-batch.js';
import { createRateLimits } from './collect/rate-limits.js';
import { createEnricher, createCountryLookup } from '@sightline/enrichment';
import { registerCollectRoute } from './http/collect-route.js';
import { registerPixelRoute } from './http/pixel-route.js';
import { registerScriptRoutes } from './http/script-routes.js';
import { createHttpServer } from './http/server.js';
import { createIngestMetrics } from './metrics.js';
import { SocketRegistry } from './ws/socket-registry.js';
import { startSocketServer } from './ws/socket-server.js';

/** Requests and sockets open at close get this long to finish before they are cut. */
const CLOSE_GRACE_MS = 2_000;

export interface IngestDeps {
  bus: Bus;
  /** Started already (sites loaded). */
  configStore: ConfigStore;
  logger: Logger;
  registry: Registry;
  secret: string;
  host: string;
  port: number;
  topicPrefix: string;
  trustProxy?: boolean;
  /** Connections one address may hold open at once (INGEST_MAX_CONNECTIONS_PER_ADDRESS). */
  maxConnectionsPerAddress?: number;
  ipRate?: number;
  siteRate?: number;
  /**
   * A consumer group for assistance delivery when this node is the only one (the single
   * process): it resumes after a restart. Unset, every node reads the topic as a broadcast.
   */
  assistanceGroup?: string;
  /** Clock messages to every events partition this often (ms); 0 turns them off. */
  clockMs?: number;
  /**
   * Serve /healthz, /readyz and /metrics here, apart from the public port (which answers
   * /healthz and /readyz for load balancers, not the metrics: they tell the traffic).
   */
  ops?: { host: string; port: number };
}

export interface Ingest {
  url: string;
  port: number;
  /** The operations port (when `ops` was given). */
  opsPort?: number;
  registry: SocketRegistry;
  close(): Promise<void>;
}

/** Starts the ingest edge on the ports it is given (Kafka or embedded bus alike). */
export async function startIngest(deps: IngestDeps): Promise<Ingest> {
  const metrics = createIngestMetrics(deps.registry);
  const collect: CollectDeps = {
    sites: new Sites(deps.configStore),
    bus: deps.bus,
    eventsTopic: topicName(deps.topicPrefix, TOPIC.events),
    enricher: createEnricher({ secret: deps.secret, country: createCountryLookup() }),
    limits: createRateLimits({
      ipPerSecond: deps.ipRate ?? 100,
      sitePerSecond: deps.siteRate ?? 20_000,
    }),
    metrics,
  };

  const app = createHttpServer({
    logger: deps.logger,
    trustProxy: deps.trustProxy ?? false,
    maxConnectionsPerAddress: deps.maxConnectionsPerAddress ?? 256,
  });
  registerCollectRoute(app, collect);
  registerPixelRoute(app, collect);
  registerScriptRoutes(app);
  // Load balancers ask the serving port whether to send traffic: health and readiness (which
  // says only whether the bus answers) stay here; metrics (the traffic) are on the ops port.
  const readiness = { bus: () => deps.bus.check() };
  for (const [path, route] of [
    ['/healthz', () => Promise.resolve(opsRoutes.healthz())],
    ['/readyz', () => opsRoutes.readyz({ registry: deps.registry, readiness })],
    ['/metrics', () => Promise.resolve(opsRoutes.elsewhere('INGEST_OPS_PORT'))],
  ] as const) {
    app.get(path, async (_request, reply) => {
      const response = await route();
      return reply
        .code(response.status)
        .header('content-type', response.contentType)
        .send(response.body);
    });
  }

  const sockets = new SocketRegistry();
  const socketServer = startSocketServer({
    server: app.server,
    deps: collect,
    registry: sockets,
    logger: deps.logger,
    // Same address rules as HTTP requests (X-Forwarded-For only behind a trusted proxy).
    clientIp: (request) =>
      (deps.trustProxy &&
        String(request.headers['x-forwarded-for'] ?? '')
          .split(',')[0]
          ?.trim()) ||
      request.socket.remoteAddress ||
      '',
  });
  const assistance = await deliverAssistance({
    bus: deps.bus,
    topic: topicName(deps.topicPrefix, TOPIC.assistance),
    ...(deps.assistanceGroup ? { group: deps.assistanceGroup } : {}),
    registry: sockets,
    metrics,
    logger: deps.logger,
  });

  const clockMs = deps.clockMs ?? 1_000;
  const clock =
    clockMs > 0
      ? startPartitionClock({
          bus: deps.bus,
          topic: collect.eventsTopic,
          intervalMs: clockMs,
          logger: deps.logger,
        })
      : undefined;

  await app.listen({ host: deps.host, port: deps.port });
  const port = (app.server.address() as AddressInfo).port;
  // Ready only once ingest answers on its own port.
  const ops = deps.ops
    ? await startOpsServer({ ...deps.ops, registry: deps.registry, readiness })
    : undefined;
  deps.logger.info({ port }, 'ingest listening');
  return {
    url: `http://${deps.host.includes(':') ? `[${deps.host}]` : deps.host}:${port}`,
    port,
    ...(ops ? { opsPort: ops.port } : {}),
    registry: sockets,
    async close() {
      // Stop taking work: new sockets are refused and open ones asked to close, new requests get
      // 503 and idle keep-alive connections end. What is in flight gets a short grace, then the
      // connections still open are cut (a client that stalls mid-body or never answers the close
      // frame would hold the close for ever). Only then stop delivering.
      await closeWithGrace(Promise.all([socketServer.close(), app.close()]), CLOSE_GRACE_MS, () => {
        socketServer.terminate();
        app.server.closeAllConnections();
      });
      await assistance.close();
      await clock?.close();
      await ops?.close();
    },
  };
}
