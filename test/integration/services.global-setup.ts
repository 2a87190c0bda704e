import { connect } from 'node:net';
import { services } from './services.js';

function tcpOpen(hostPort: string): Promise<boolean> {
  const [host, port] = hostPort.split(':');
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port), timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Integration tests need the real servers: say clearly which one is missing. */
export default async function setup(): Promise<void> {
  const checks = await Promise.all([
    tcpOpen(services.kafkaBrokers[0]!).then(
      (ok) => ['Kafka', services.kafkaBrokers[0], ok] as const,
    ),
    httpOk(`${services.elasticsearchUrl}/_cluster/health`).then(
      (ok) => ['Elasticsearch', services.elasticsearchUrl, ok] as const,
    ),
    httpOk(`${services.influxdbUrl}/ping`).then(
      (ok) => ['InfluxDB', services.influxdbUrl, ok] as const,
    ),
  ]);
  const down = checks.filter(([, , ok]) => !ok);
  if (down.length > 0) {
    throw new Error(
      `Integration tests need real servers; not reachable: ${down
        .map(([name, where]) => `${name} at ${where}`)
        .join(', ')}. Start them with "bash infra/up.sh" (npm test does this for you).`,
    );
  }
}
