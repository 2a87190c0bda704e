import { loadConfig } from '@sightline/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services, uniqueName } from '../../../test/integration/services.js';
import { funnelContract } from '../../../test/stores/funnel-contract.js';
import { createElasticsearchClient, ElasticsearchEventStore } from '../src/index.js';

describe('funnels on Elasticsearch, from the events and from hourly blocks', () => {
  const prefix = uniqueName('es-funnels');
  const config = loadConfig({
    ELASTICSEARCH_URL: services.elasticsearchUrl,
    ELASTICSEARCH_INDEX_PREFIX: prefix,
  }).elasticsearch;
  // The store's clock runs ahead of the events once they are "stored a while ago".
  let ahead = 0;
  const store = new ElasticsearchEventStore(createElasticsearchClient(config), config, {
    now: () => Date.now() + ahead,
  });
  const refresh = async () => {
    await store.client.indices.refresh({ index: `${prefix}-*`, allow_no_indices: true });
  };

  beforeAll(() => store.ensureSchema());
  afterAll(async () => {
    await store.funnelBlocksBuilt();
    await store.client.indices.delete({ index: `${prefix}-*`, allow_no_indices: true });
    await store.close();
  });

  funnelContract(() => ({
    store,
    refresh,
    settle: () => store.funnelBlocksBuilt(),
    stored: () => (ahead = 2 * 60_000),
  }));

  it('built blocks for the funnel, so the figures above came from them too', async () => {
    await refresh();
    const built = await store.client.count({ index: `${prefix}-funnel-blocks` });
    expect(built.count).toBeGreaterThan(0);
  });
});
