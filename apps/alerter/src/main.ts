import { createMetrics } from '@sightline/observability';
import { runDistributedApp } from '@sightline/runtime/distributed';
import { startAlerter } from './alerter.js';
import { alerterSettings } from './alerter-settings.js';

/** The alerter as its own process, against Kafka and Elasticsearch (windows, hits, alert history). */
runDistributedApp('alerter', 'elasticsearch', async ({ config, ...parts }) => {
  const alerter = await startAlerter({
    ...parts,
    registry: createMetrics('alerter'),
    ...alerterSettings(config),
  });
  parts.logger.info({ ops: alerter.opsPort }, 'alerter started');

  return { alerter: () => alerter.close() };
});
