import { loadConfig } from '@sightline/config';
import { beforeAll, describe } from 'vitest';
import { services, uniqueName } from '../../../test/integration/services.js';
import { hitStoreContract } from '../../../test/stores/hit-store-contract.js';
import { resultStoresContract } from '../../../test/stores/result-stores-contract.js';
import {
  createElasticsearchClient,
  ElasticsearchHitStore,
  ElasticsearchSessionStore,
  ElasticsearchWindowStore,
} from '../src/index.js';

describe('window, visit and hit documents on a real Elasticsearch', () => {
  const config = loadConfig({
    ELASTICSEARCH_URL: services.elasticsearchUrl,
    ELASTICSEARCH_INDEX_PREFIX: uniqueName('results'),
  }).elasticsearch;
  const client = createElasticsearchClient(config);
  const windows = new ElasticsearchWindowStore(client, config);
  const sessions = new ElasticsearchSessionStore(client, config);
  const hits = new ElasticsearchHitStore(client, config);

  beforeAll(async () => {
    await Promise.all([windows.ensureSchema(), sessions.ensureSchema(), hits.ensureSchema()]);
  });

  resultStoresContract(() => ({
    windows,
    sessions,
    refresh: async () => {
      await Promise.all([windows.refresh(), sessions.refresh()]);
    },
  }));
  hitStoreContract(() => ({ hits, refresh: () => hits.refresh() }));
});
