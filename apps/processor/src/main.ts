import { ConfigError, loadConfig } from '@sightline/config';
import { Sites, watchErasures } from '@sightline/config-store';
import { closeOnSignal, createLogger, createMetrics } from '@sightline/observability';
import { openDistributed } from '@sightline/runtime/distributed';
import { startProcessor } from './processor.js';

/** The processor as its own process, against Kafka, Elasticsearch and InfluxDB. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('processor', config.logLevel, config.logFormat);
  const { bus, configStore, stores, closers } = await openDistributed(config, logger, 'processor', {
    stores: true,
  });
  const sites = new Sites(configStore);
  const processor = await startProcessor({
    bus,
    stores,
    logger,
    registry: createMetrics('processor'),
    topicPrefix: config.kafka.topicPrefix,
    settings: config.processor,
    ops: { host: config.host, port: config.ports.processor },
    retention: { sites: () => sites.list(), stores, settings: config.retention },
    erasures: watchErasures(configStore),
  });
  logger.info({ ops: processor.opsPort }, 'processor started');

  closeOnSignal(
    logger,
    { processor: () => processor.close(), ...closers },
    { timeoutMs: config.shutdownTimeoutMs },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
