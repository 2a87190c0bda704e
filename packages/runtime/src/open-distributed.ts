import { KafkaBus, TOPIC, topicName } from '@sightline/bus';
import type { Config } from '@sightline/config';
import { BusConfigStore } from '@sightline/config-store';
import { retryUntilReady, type Logger } from '@sightline/observability';
import type { StoreSet } from '@sightline/ports';
import { distributedStores } from './distributed-stores.js';
import type { Parts, PartsWithStores } from './parts.js';

/**
 * The parts of one app in the distributed mode: Kafka (topics created), the configuration from
 * its compacted topic and, when asked, Elasticsearch and InfluxDB (schemas created). Servers that
 * are not up yet are waited for, with backoff, rather than the app exiting.
 */
export async function openDistributed(config: Config, logger: Logger, app: string): Promise<Parts>;
export async function openDistributed(
  config: Config,
  logger: Logger,
  app: string,
  options: { stores: true },
): Promise<PartsWithStores<ReturnType<typeof distributedStores>>>;
export async function openDistributed(
  config: Config,
  logger: Logger,
  app: string,
  options: { stores?: boolean } = {},
): Promise<Parts & { stores?: StoreSet }> {
  const bus = new KafkaBus({ config: config.kafka, logger, clientSuffix: app });
  const stores = options.stores ? distributedStores(config, bus, logger) : undefined;
  await retryUntilReady(logger, stores ? 'stores or bus' : 'bus', async () => {
    await bus.ensureTopics();
    await stores?.ensureSchemas();
  });
  const configStore = new BusConfigStore(
    bus,
    topicName(config.kafka.topicPrefix, TOPIC.config),
    logger,
  );
  await configStore.start();
  return {
    bus,
    configStore,
    ...(stores ? { stores } : {}),
    closers: {
      configStore: () => configStore.close(),
      ...(stores ? { stores: () => stores.close() } : {}),
      bus: () => bus.close(),
    },
  };
}
