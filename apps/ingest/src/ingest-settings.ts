import type { Config } from '@sightline/config';
import type { IngestDeps } from './app.js';
import { resolveSecret } from './secret.js';

/** Ingest's settings from the configuration: the same alone and in the single process. */
export function ingestSettings(
  config: Config,
): Omit<IngestDeps, 'bus' | 'configStore' | 'logger' | 'registry'> {
  return {
    secret: resolveSecret(config.secret, config.dataDir),
    host: config.host,
    port: config.ports.ingest,
    ops: { host: config.host, port: config.ports.ingestOps },
    topicPrefix: config.kafka.topicPrefix,
    trustProxy: config.ingest.trustProxy,
    maxConnectionsPerAddress: config.ingest.maxConnectionsPerAddress,
    ipRate: config.ingest.ipRate,
    siteRate: config.ingest.siteRate,
    clockMs: config.ingest.clockMs,
  };
}
