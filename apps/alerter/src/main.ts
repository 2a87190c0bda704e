import { appSettings } from '@sightline/config';
import { createMetrics } from '@sightline/observability';
import { runDistributedApp } from '@sightline/runtime/distributed';
import { startAlerter } from './alerter.js';

/** The alerter as its own process, against Kafka and Elasticsearch (windows, hits, alert history). */
runDistributedApp('alerter', 'elasticsearch', async ({ config, ...parts }) => {
  const alerter = await startAlerter({
    ...parts,
    registry: createMetrics('alerter'),
    ...appSettings(config, config.alerts, config.ports.alerter),
  });
  parts.logger.info({ ops: alerter.opsPort }, 'alerter started');

  return { alerter: () => alerter.close() };
});
