import { ConfigError, loadConfig } from '@sightline/config';
import { closeOnSignal, createLogger, createMetrics } from '@sightline/observability';
import { openDistributed } from '@sightline/runtime/distributed';
import { startWebServer } from './web-server.js';

/** The admin app as its own process, against Kafka, Elasticsearch and InfluxDB. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('web', config.logLevel, config.logFormat);
  const { bus, configStore, stores, closers } = await openDistributed(config, logger, 'web', {
    stores: true,
  });
  const web = await startWebServer({
    bus,
    configStore,
    stores,
    alerting: config.alerts,
    retention: config.retention,
    logger,
    registry: createMetrics('web'),
    topicPrefix: config.kafka.topicPrefix,
    ingestPublicUrl: config.ingestPublicUrl,
    host: config.host,
    port: config.ports.web,
    ops: { host: config.host, port: config.ports.webOps },
    secureCookies: config.web.secureCookies,
    trustProxy: config.web.trustProxy,
    ...(config.web.owner ? { owner: config.web.owner } : {}),
  });
  logger.info({ url: web.url }, 'web started');

  closeOnSignal(
    logger,
    { web: () => web.close(), ...closers },
    { timeoutMs: config.shutdownTimeoutMs },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
