import { appSettings } from '@sightline/config';
import { Sites, watchErasures } from '@sightline/config-store';
import { createMetrics } from '@sightline/observability';
import { runDistributedApp } from '@sightline/runtime/distributed';
import { startProcessor } from './processor.js';

/** The processor as its own process, against Kafka, Elasticsearch and InfluxDB. */
runDistributedApp('processor', 'all', async ({ bus, configStore, stores, config, logger }) => {
  const sites = new Sites(configStore);
  const processor = await startProcessor({
    bus,
    stores,
    logger,
    registry: createMetrics('processor'),
    ...appSettings(config, config.processor, config.ports.processor),
    retention: { sites: () => sites.list(), stores, settings: config.retention },
    erasures: watchErasures(configStore),
  });
  logger.info({ ops: processor.opsPort }, 'processor started');

  return { processor: () => processor.close() };
});
