import { KafkaBus } from '@sightline/bus';
import { ConfigError, loadConfig } from '@sightline/config';
import { createLogger, createMetrics } from '@sightline/observability';
import { distributedStores } from './distributed-stores.js';
import { startProcessor } from './processor.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The processor as its own process, against Kafka, Elasticsearch and InfluxDB. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('processor', config.logLevel);
  const bus = new KafkaBus({ config: config.kafka, logger, clientSuffix: 'processor' });
  const stores = distributedStores(config);
  // Services may come up after us (compose, a reboot): wait for them rather than exit.
  for (let attempt = 1; ; attempt++) {
    try {
      await bus.ensureTopics();
      await stores.ensureSchemas();
      break;
    } catch (error) {
      logger.warn({ attempt, err: String(error) }, 'stores or bus not ready; retrying');
      await sleep(Math.min(30_000, 500 * 2 ** attempt));
    }
  }
  const processor = await startProcessor({
    bus,
    stores,
    logger,
    registry: createMetrics('processor'),
    topicPrefix: config.kafka.topicPrefix,
    settings: config.processor,
    ops: { host: config.host, port: config.ports.processor },
  });
  logger.info({ ops: processor.opsPort }, 'processor started');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await processor.close();
    await bus.close();
    await stores.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
