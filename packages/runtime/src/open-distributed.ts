import { KafkaBus, TOPIC, topicName } from '@sightline/bus';
import type { Config } from '@sightline/config';
import { BusConfigStore } from '@sightline/config-store';
import { retryUntilReady, type Logger } from '@sightline/observability';
import { storesFor, type StoreChoice, type StoresOf } from './distributed-stores.js';
import type { Parts, PartsWithStores } from './parts.js';

/**
 * The parts of one app in the distributed mode: Kafka (topics created), the configuration from
 * its compacted topic and, when asked, the stores it uses (schemas created): all of them, or only
 * Elasticsearch's for an app that never reads InfluxDB. Servers that are not up yet are waited
 * for, with backoff, rather than the app exiting.
 */
export async function openDistributed(config: Config, logger: Logger, app: string): Promise<Parts>;
export async function openDistributed<C extends StoreChoice>(
  config: Config,
  logger: Logger,
  app: string,
  options: { stores: C },
): Promise<PartsWithStores<StoresOf<C>>>;
export async function openDistributed(
  config: Config,
  logger: Logger,
  app: string,
  options: { stores?: StoreChoice } = {},
): Promise<Parts & { stores?: StoresOf<StoreChoice> }> {
  const bus = new KafkaBus({ config: config.kafka, logger, clientSuffix: app });
  const stores = options.stores ? storesFor(options.stores, config, bus, logger) : undefined;
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
