import { KafkaBus, TOPIC, topicName } from '@sightline/bus';
import { ConfigError, loadConfig } from '@sightline/config';
import { BusConfigStore, Sites, watchErasures } from '@sightline/config-store';
import {
  closeOnSignal,
  createLogger,
  createMetrics,
  retryUntilReady,
} from '@sightline/observability';
import { distributedStores } from './distributed-stores.js';
import { startProcessor } from './processor.js';

/** The processor as its own process, against Kafka, Elasticsearch and InfluxDB. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('processor', config.logLevel, config.logFormat);
  const bus = new KafkaBus({ config: config.kafka, logger, clientSuffix: 'processor' });
  const stores = distributedStores(config, bus, logger);
  await retryUntilReady(logger, 'stores or bus', async () => {
    await bus.ensureTopics();
    await stores.ensureSchemas();
  });
  // Alert rules and channels come from the shared configuration.
  const configStore = new BusConfigStore(
    bus,
    topicName(config.kafka.topicPrefix, TOPIC.config),
    logger,
  );
  await configStore.start();
  const sites = new Sites(configStore);
  const processor = await startProcessor({
    bus,
    stores,
    logger,
    registry: createMetrics('processor'),
    topicPrefix: config.kafka.topicPrefix,
    settings: config.processor,
    ops: { host: config.host, port: config.ports.processor },
    alerting: { configStore, stores, settings: config.alerts },
    retention: { sites: () => sites.list(), stores, settings: config.retention },
    erasures: watchErasures(configStore),
  });
  logger.info({ ops: processor.opsPort }, 'processor started');

  closeOnSignal(
    logger,
    {
      processor: () => processor.close(),
      configStore: () => configStore.close(),
      bus: () => bus.close(),
      stores: () => stores.close(),
    },
    { timeoutMs: config.shutdownTimeoutMs },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
