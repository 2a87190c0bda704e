import { join } from 'node:path';
import { EmbeddedBus, topicSpecs } from '@sightline/bus';
import type { Config } from '@sightline/config';
import { FileConfigStore } from '@sightline/config-store';
import { openEmbeddedStores, type EmbeddedStores } from '@sightline/store-embedded';
import type { Logger } from '@sightline/observability';
import type { PartsWithStores } from './parts.js';

const MIB = 1024 * 1024;

/**
 * The parts of the single process under DATA_DIR: the embedded bus on disk, the DuckDB and
 * LevelDB stores (schemas created) and the configuration in a JSON file.
 */
export async function openEmbedded(
  config: Config,
  logger: Logger,
): Promise<PartsWithStores<EmbeddedStores>> {
  const bus = await EmbeddedBus.open({
    // The bus is the store of record of what ingest acknowledged: on disk, synced before the 200.
    dir: join(config.dataDir, 'bus'),
    topics: topicSpecs(config.kafka),
    logger,
    fsync: config.embeddedBusFsync,
    retentionBytes: config.embeddedBusRetentionMb * MIB,
    // A partition made now numbers its messages above those of any earlier run whose bus lived in
    // memory (fewer than 1,000 messages per millisecond), so visit ids never repeat in the store.
    firstOffset: Date.now() * 1_000,
    backlogBytes: config.embeddedBusBacklogMb * MIB,
  });
  const stores = await openEmbeddedStores(join(config.dataDir, 'sightline.duckdb'), {
    memoryLimitMb: config.embeddedStoreMemoryMb,
  });
  await stores.ensureSchemas();
  const configStore = new FileConfigStore(join(config.dataDir, 'config.json'));
  await configStore.start();
  return {
    bus,
    configStore,
    stores,
    closers: {
      configStore: () => configStore.close(),
      bus: () => bus.close(),
      stores: () => stores.close(),
    },
  };
}
