import { ConfigError, loadConfig } from '@sightline/config';
import { closeOnSignal, createLogger, createMetrics } from '@sightline/observability';
import { openDistributed } from '@sightline/runtime/distributed';
import { startWebServer } from './web-server.js';
import { webSettings } from './web-settings.js';

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
    logger,
    registry: createMetrics('web'),
    ...webSettings(config),
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
