import { createMetrics } from '@sightline/observability';
import { runDistributedApp } from '@sightline/runtime/distributed';
import { startAlerter } from './alerter.js';

/** The alerter as its own process, against Kafka and Elasticsearch (windows, hits, alert history). */
runDistributedApp(
  'alerter',
  'elasticsearch',
  async ({ bus, configStore, stores, config, logger }) => {
    const alerter = await startAlerter({
      bus,
      configStore,
      stores,
      logger,
      registry: createMetrics('alerter'),
      topicPrefix: config.kafka.topicPrefix,
      settings: config.alerts,
      ops: { host: config.host, port: config.ports.alerter },
    });
    logger.info({ ops: alerter.opsPort }, 'alerter started');

    return { alerter: () => alerter.close() };
  },
);
