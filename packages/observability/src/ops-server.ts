import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { closeWithGrace } from './process-lifecycle.js';
import { checkReadiness, type ReadinessCheck } from './readiness.js';

/** Requests in flight at close get this long before their connections are cut. */
const CLOSE_GRACE_MS = 1_000;

export interface OpsOptions {
  registry: Registry;
  readiness: Record<string, ReadinessCheck>;
}

export interface OpsResponse {
  status: number;
  contentType: string;
  body: string;
}

/** The three operational endpoints, as plain functions so any HTTP server can mount them. */
export const opsRoutes = {
  healthz(): OpsResponse {
    return { status: 200, contentType: 'application/json', body: '{"status":"ok"}' };
  },
  async readyz(options: OpsOptions): Promise<OpsResponse> {
    const report = await checkReadiness(options.readiness);
    return {
      status: report.ready ? 200 : 503,
      contentType: 'application/json',
      body: JSON.stringify({ status: report.ready ? 'ready' : 'not_ready', checks: report.checks }),
    };
  },
  /** What a public port answers for /readyz and /metrics: they are on the operations port. */
  elsewhere(portVariable: string): OpsResponse {
    return {
      status: 404,
      contentType: 'application/json',
      body: JSON.stringify({
        error: 'not_found',
        message: `readiness and metrics are served on the operations port (${portVariable})`,
      }),
    };
  },
  async metrics(options: OpsOptions): Promise<OpsResponse> {
    return {
      status: 200,
      contentType: options.registry.contentType,
      body: await options.registry.metrics(),
    };
  },
};

async function route(request: IncomingMessage, options: OpsOptions): Promise<OpsResponse> {
  const path = (request.url ?? '/').split('?')[0];
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return { status: 405, contentType: 'application/json', body: '{"error":"method_not_allowed"}' };
  }
  if (path === '/healthz') return opsRoutes.healthz();
  if (path === '/readyz') return opsRoutes.readyz(options);
  if (path === '/metrics') return opsRoutes.metrics(options);
  return { status: 404, contentType: 'application/json', body: '{"error":"not_found"}' };
}

export interface OpsServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/** Serves /healthz, /readyz and /metrics for a service without an HTTP server of its own. */
export async function startOpsServer(
  options: OpsOptions & { host: string; port: number },
): Promise<OpsServer> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    route(request, options).then(
      (result) => {
        response.writeHead(result.status, { 'content-type': result.contentType });
        response.end(request.method === 'HEAD' ? undefined : result.body);
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: String(error) }));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    // Idle keep-alive connections close at once (Node's close does that); a client stalled
    // mid-request is cut after the grace.
    close: () =>
      closeWithGrace(
        new Promise<void>((resolve) => server.close(() => resolve())),
        CLOSE_GRACE_MS,
        () => server.closeAllConnections(),
      ),
  };
}
