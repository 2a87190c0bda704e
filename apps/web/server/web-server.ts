import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import type {
  Bus,
  ConfigStore,
  AlertStore,
  DeadLetterStore,
  EventStore,
  HitStore,
  SessionStore,
  WindowStore,
  MetricsStore,
} from '@sightline/ports';
import { TOPIC, topicName } from '@sightline/bus';
import type { AlertsConfig } from '@sightline/config';
import {
  alertEvent,
  profileHit,
  windowAggregate,
  type AlertEvent,
  type ProfileHit,
  type RetentionDefaults,
  type WindowAggregate,
} from '@sightline/contract';
import {
  CLIENT_TIMEOUTS,
  closeWithGrace,
  limitClients,
  opsRoutes,
  startOpsServer,
  type Logger,
  type ReadinessCheck,
  type Registry,
} from '@sightline/observability';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { alertRoutes } from './api/alert-routes.js';
import { authRoutes } from './api/auth-routes.js';
import { channelRoutes } from './api/channel-routes.js';
import { deadLetterRoutes } from './api/dead-letter-routes.js';
import { liveRoutes } from './api/live-routes.js';
import { activityRoutes } from './api/activity-routes.js';
import { erasureRoutes } from './api/erasure-routes.js';
import { exportRoutes } from './api/export-routes.js';
import { profileRoutes } from './api/profile-routes.js';
import { goalRoutes } from './api/goal-routes.js';
import { funnelRoutes } from './api/funnel-routes.js';
import { visitRoutes } from './api/visit-routes.js';
import { queryRoutes } from './api/query-routes.js';
import { siteRoutes } from './api/site-routes.js';
import { Accounts } from './auth/accounts.js';
import { identify } from './auth/guard.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { securityHeaders } from './security-headers.js';
import { LiveFeed } from './live/live-feed.js';
import { routeContext } from './api/route-context.js';

/** What the admin app reads from the stores. */
export interface WebStores {
  events: EventStore;
  hits: Pick<HitStore, 'hits' | 'erase'>;
  windows: Pick<WindowStore, 'windows'>;
  alerts: AlertStore;
  /** Visits as the processor keeps them (bounces and durations of visits still going on). */
  sessions: Pick<SessionStore, 'visitStats' | 'sessions' | 'topVisits' | 'erase'>;
  metrics: MetricsStore;
  /** Records the processor set aside (a table in the single process, a topic on Kafka). */
  deadLetters: Pick<DeadLetterStore, 'summary'>;
}

export interface WebDeps {
  bus: Bus;
  configStore: ConfigStore;
  /** The stores the admin app reads (and erases from), as one way to run opened them. */
  stores: WebStores;
  /** Sending notifications ("send a test"): the SMTP server and the admin app's address. */
  alerting: Pick<AlertsConfig, 'smtpUrl' | 'emailFrom' | 'adminUrl' | 'webhooks'>;
  /** The retention of sites that set none, shown beside each site's own. */
  retention: RetentionDefaults;
  logger: Logger;
  registry: Registry;
  topicPrefix: string;
  /** Ingest's address as browsers see it, for the install snippet. */
  ingestPublicUrl: string;
  host: string;
  port: number;
  /** Secure cookies (the app is served over https). */
  secureCookies?: boolean;
  /** Behind a reverse proxy: client addresses from X-Forwarded-For. */
  trustProxy?: boolean;
  /** The first owner, created at start while nobody exists (instead of the set-up page). */
  owner?: { email: string; password: string };
  /** Without the Next.js pages (API tests). */
  apiOnly?: boolean;
  /**
   * Serve /healthz, /readyz and /metrics here, apart from the app's port (which answers only
   * /healthz): readiness and metrics name the stores, their errors and the traffic.
   */
  ops?: { host: string; port: number };
}

export interface WebServer {
  url: string;
  port: number;
  /** The operations port (when `ops` was given). */
  opsPort?: number;
  close(): Promise<void>;
}

type NextHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;
type CreateNextServer = (options: { dev: boolean; dir: string }) => {
  prepare(): Promise<void>;
  getRequestHandler(): NextHandler;
};

/** The admin pages (apps/web's Next.js build), served from this process. */
async function nextHandler(): Promise<NextHandler> {
  const require = createRequire(import.meta.url);
  // `next` is CommonJS whose module.exports is the server factory; its typings do not model that
  // for NodeNext ESM importers, hence require() and a narrow local type.
  const createNextServer = require('next') as CreateNextServer;
  const app = createNextServer({
    dev: false,
    dir: dirname(require.resolve('@sightline/web/package.json')),
  });
  await app.prepare();
  return app.getRequestHandler();
}

/** Requests in flight at close get this long to finish before their connections are cut. */
const CLOSE_GRACE_MS = 2_000;

/** Pages anyone may open; every other page needs a session. */
const PUBLIC_PAGES = new Set(['/login', '/setup']);

/**
 * The admin app: its JSON API (docs/api.md), live streams, operational endpoints, and the
 * Next.js pages, each page behind sign-in.
 */
export async function startWebServer(deps: WebDeps): Promise<WebServer> {
  const { stores } = deps;
  const accounts = new Accounts(deps.configStore);
  if (deps.owner && accounts.needsSetup())
    await accounts.createUser(
      { email: deps.owner.email, name: 'Owner', role: 'owner' },
      deps.owner.password,
    );
  const feeds = {
    windows: new LiveFeed<WindowAggregate>({
      bus: deps.bus,
      topic: topicName(deps.topicPrefix, TOPIC.aggregates),
      schema: windowAggregate,
      logger: deps.logger,
      // Five minutes of windows per partition (one entry per window and partition).
      keep: 30 * 64,
      identity: (w) => `${w.start}:${w.partition}`,
    }),
    hits: new LiveFeed<ProfileHit>({
      bus: deps.bus,
      topic: topicName(deps.topicPrefix, TOPIC.profileHits),
      schema: profileHit,
      logger: deps.logger,
      keep: 100,
    }),
    alerts: new LiveFeed<AlertEvent>({
      bus: deps.bus,
      topic: topicName(deps.topicPrefix, TOPIC.alerts),
      schema: alertEvent,
      logger: deps.logger,
      keep: 50,
    }),
  };
  await Promise.all([feeds.windows.start(), feeds.hits.start(), feeds.alerts.start()]);
  const sweep = setInterval(() => void accounts.sweepSessions().catch(() => undefined), 3_600_000);

  const app = Fastify({
    bodyLimit: 256 * 1024,
    trustProxy: deps.trustProxy ?? false,
    ...CLIENT_TIMEOUTS,
  });
  // A dashboard holds a few streams and requests; behind a proxy everyone shares its address
  // (not applied then). 256 leaves room for a burst of API calls from one script.
  limitClients(app.server, { maxPerAddress: 256, trustProxy: deps.trustProxy ?? false });
  await app.register(fastifyCookie);
  securityHeaders(app, { secure: deps.secureCookies ?? false });
  const readiness: Record<string, ReadinessCheck> = {
    bus: () => deps.bus.check(),
    events: () => stores.events.check(),
    metrics: () => stores.metrics.check(),
  };
  const ops = (
    response: { status: number; contentType: string; body: string },
    reply: FastifyReply,
  ) => reply.code(response.status).type(response.contentType).send(response.body);
  app.get('/api/healthz', (_, reply) => ops(opsRoutes.healthz(), reply));
  app.get('/healthz', (_, reply) => ops(opsRoutes.healthz(), reply));
  for (const path of ['/readyz', '/metrics'])
    app.get(path, (_, reply) => ops(opsRoutes.elsewhere('WEB_OPS_PORT'), reply));

  authRoutes(app, accounts, new LoginThrottle(), deps.secureCookies ?? false);
  const routes = routeContext(app, accounts, deps.configStore);
  siteRoutes(routes, deps.ingestPublicUrl, deps.retention);
  liveRoutes(routes, feeds);
  queryRoutes(routes, {
    events: stores.events,
    metrics: stores.metrics,
    sessions: stores.sessions,
  });
  exportRoutes(routes, { events: stores.events });
  erasureRoutes(routes, {
    events: stores.events,
    sessions: stores.sessions,
    hits: stores.hits,
  });
  profileRoutes(routes, { events: stores.events, hits: stores.hits });
  goalRoutes(routes, { events: stores.events });
  funnelRoutes(routes, { events: stores.events });
  activityRoutes(routes, stores.events);
  visitRoutes(routes, stores.sessions);
  const alertsTopic = topicName(deps.topicPrefix, TOPIC.alerts);
  alertRoutes(routes, {
    stores,
    publishAlert: (alert) =>
      deps.bus.publish(alertsTopic, [
        { key: `${alert.site}:${alert.ruleId}`, value: JSON.stringify(alert) },
      ]),
  });
  channelRoutes(routes, {
    alerts: stores.alerts,
    ...(deps.alerting.smtpUrl
      ? { smtp: { url: deps.alerting.smtpUrl, from: deps.alerting.emailFrom } }
      : {}),
    adminUrl: deps.alerting.adminUrl,
    webhooks: deps.alerting.webhooks,
  });
  deadLetterRoutes(routes, stores.deadLetters);
  app.all('/api/*', (_, reply) =>
    reply.code(404).send({ error: 'not_found', message: 'no such API route' }),
  );

  // Bodies the API cannot read get a JSON answer; anything else unexpected is logged, not shown.
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) deps.logger.error({ err: error, url: request.url }, 'request failed');
    return reply.code(status).send({
      error: status >= 500 ? 'internal' : 'invalid_request',
      message: status >= 500 ? 'internal error' : error.message,
    });
  });

  if (!deps.apiOnly) {
    const handle = await nextHandler();
    const page = async (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0]!;
      // Next's own assets are public; pages are not.
      if (!path.startsWith('/_next/') && !path.startsWith('/favicon')) {
        if (accounts.needsSetup() && path !== '/setup') return reply.redirect('/setup');
        if (!accounts.needsSetup() && path === '/setup') return reply.redirect('/');
        if (!accounts.needsSetup() && !PUBLIC_PAGES.has(path) && !identify(accounts, request))
          return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
      }
      reply.hijack();
      await handle(request.raw, reply.raw);
    };
    app.get('/*', page);
    app.get('/', page);
  }

  await app.listen({ host: deps.host, port: deps.port });
  // Ready only once the app answers on its own port.
  const opsServer = deps.ops
    ? await startOpsServer({ ...deps.ops, registry: deps.registry, readiness })
    : undefined;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : deps.port;
  return {
    url: `http://${deps.host}:${port}`,
    port,
    ...(opsServer ? { opsPort: opsServer.port } : {}),
    async close() {
      clearInterval(sweep);
      // New requests get 503, live streams end (liveRoutes), idle keep-alive connections close;
      // requests in flight get a short grace, then the connections still open are cut (a client
      // stalled mid-body would hold the close for ever).
      await closeWithGrace(app.close(), CLOSE_GRACE_MS, () => app.server.closeAllConnections());
      await Promise.all([feeds.windows.close(), feeds.hits.close(), feeds.alerts.close()]);
      await opsServer?.close();
    },
  };
}
