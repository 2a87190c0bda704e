import { ConfigError, loadConfig } from '@sightline/config';
import { closeOnSignal, createLogger, createMetrics } from '@sightline/observability';
import { openDistributed } from '@sightline/runtime/distributed';
import { startAlerter } from './alerter.js';

/** The alerter as its own process, against Kafka and the stores (windows, hits, alert history). */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('alerter', config.logLevel, config.logFormat);
  const { bus, configStore, stores, closers } = await openDistributed(config, logger, 'alerter', {
    stores: true,
  });
  const alerter = await startAlerter({
    bus,
    configStore,
    stores: { ...stores, checks: { elasticsearch: stores.checks.elasticsearch } },
    logger,
    registry: createMetrics('alerter'),
    topicPrefix: config.kafka.topicPrefix,
    settings: config.alerts,
    ops: { host: config.host, port: config.ports.alerter },
  });
  logger.info({ ops: alerter.opsPort }, 'alerter started');

  closeOnSignal(
    logger,
    { alerter: () => alerter.close(), ...closers },
    { timeoutMs: config.shutdownTimeoutMs },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
