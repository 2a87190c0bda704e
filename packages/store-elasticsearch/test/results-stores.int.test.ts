import { loadConfig } from '@sightline/config';
import { beforeAll, describe } from 'vitest';
import { services, uniqueName } from '../../../test/integration/services.js';
import { alertStoreContract } from '../../../test/stores/alert-store-contract.js';
import { hitStoreContract } from '../../../test/stores/hit-store-contract.js';
import { resultStoresContract } from '../../../test/stores/result-stores-contract.js';
import {
  createElasticsearchClient,
  ElasticsearchAlertStore,
  ElasticsearchEventStore,
  ElasticsearchHitStore,
  ElasticsearchSessionStore,
  ElasticsearchWindowStore,
} from '../src/index.js';

describe('window, visit, hit and alert documents on a real Elasticsearch', () => {
  const config = loadConfig({
    ELASTICSEARCH_URL: services.elasticsearchUrl,
    ELASTICSEARCH_INDEX_PREFIX: uniqueName('results'),
  }).elasticsearch;
  const client = createElasticsearchClient(config);
  const windows = new ElasticsearchWindowStore(client, config);
  const events = new ElasticsearchEventStore(client, config);
  const sessions = new ElasticsearchSessionStore(client, config);
  const hits = new ElasticsearchHitStore(client, config);
  const alerts = new ElasticsearchAlertStore(client, config);

  beforeAll(async () => {
    await Promise.all([
      windows.ensureSchema(),
      events.ensureSchema(),
      sessions.ensureSchema(),
      hits.ensureSchema(),
      alerts.ensureSchema(),
    ]);
  });

  resultStoresContract(() => ({
    windows,
    events,
    sessions,
    refresh: async () => {
      await Promise.all([windows.refresh(), events.refresh(), sessions.refresh()]);
    },
  }));
  hitStoreContract(() => ({ hits, refresh: () => hits.refresh() }));
  alertStoreContract(() => ({ alerts, refresh: () => alerts.refresh() }));
});
