import { loadConfig } from '@sightline/config';
import { services, uniqueName } from '../../../test/integration/services.js';
import { createElasticsearchClient, ElasticsearchEventStore } from '../src/index.js';

/**
 * An event store with indices of its own on the test server, whose clock runs `clock.ahead` ms
 * ahead of the events: moved on, what was appended reads as stored a while ago.
 */
export function clockedStore(name: string) {
  const prefix = uniqueName(name);
  const config = loadConfig({
    ELASTICSEARCH_URL: services.elasticsearchUrl,
    ELASTICSEARCH_INDEX_PREFIX: prefix,
  }).elasticsearch;
  const clock = { ahead: 0 };
  const store = new ElasticsearchEventStore(createElasticsearchClient(config), config, {
    now: () => Date.now() + clock.ahead,
  });
  return {
    prefix,
    store,
    clock,
    refresh: async () => {
      await store.client.indices.refresh({ index: `${prefix}-*`, allow_no_indices: true });
    },
    /** Waits for the funnel blocks being built, then deletes the indices and closes. */
    drop: async () => {
      await store.funnelBlocksBuilt();
      await store.client.indices.delete({ index: `${prefix}-*`, allow_no_indices: true });
      await store.close();
    },
  };
}
