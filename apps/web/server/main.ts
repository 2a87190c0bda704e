import { createMetrics } from '@sightline/observability';
import { runDistributedApp } from '@sightline/runtime/distributed';
import { startWebServer } from './web-server.js';
import { webSettings } from './web-settings.js';

/** The admin app as its own process, against Kafka, Elasticsearch and InfluxDB. */
runDistributedApp('web', 'all', async ({ bus, configStore, stores, config, logger }) => {
  const web = await startWebServer({
    bus,
    configStore,
    stores,
    logger,
    registry: createMetrics('web'),
    ...webSettings(config),
  });
  logger.info({ url: web.url }, 'web started');

  return { web: () => web.close() };
});
