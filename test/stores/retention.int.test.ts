import { loadConfig } from '@sightline/config';
import {
  createElasticsearchClient,
  ElasticsearchEventStore,
  ElasticsearchHitStore,
  ElasticsearchSessionStore,
  ElasticsearchWindowStore,
} from '@sightline/event-store';
import { createInfluxTransport, InfluxMetricsStore } from '@sightline/metrics-store';
import { afterAll, beforeAll, describe } from 'vitest';
import { services, uniqueName } from '../integration/services.js';
import { retentionContract } from './retention-contract.js';

describe('retention on real Elasticsearch and InfluxDB', () => {
  const config = loadConfig({
    ELASTICSEARCH_URL: services.elasticsearchUrl,
    ELASTICSEARCH_INDEX_PREFIX: uniqueName('retention'),
    INFLUXDB_URL: services.influxdbUrl,
    INFLUXDB_DATABASE: uniqueName('retention').replace(/-/g, '_'),
  });
  const client = createElasticsearchClient(config.elasticsearch);
  const transport = createInfluxTransport(config.influxdb);
  const stores = {
    events: new ElasticsearchEventStore(client, config.elasticsearch),
    sessions: new ElasticsearchSessionStore(client, config.elasticsearch),
    hits: new ElasticsearchHitStore(client, config.elasticsearch),
    windows: new ElasticsearchWindowStore(client, config.elasticsearch),
    metrics: new InfluxMetricsStore(transport),
  };

  beforeAll(async () => {
    await Promise.all(Object.values(stores).map((store) => store.ensureSchema()));
  });
  afterAll(async () => {
    await transport.query(`DROP DATABASE "${config.influxdb.database}"`);
    await client.indices.delete({ index: `${config.elasticsearch.indexPrefix}-*` });
    await client.close();
  });

  retentionContract(() => ({
    ...stores,
    refresh: async () => {
      await Promise.all([
        stores.events.refresh(),
        stores.sessions.refresh(),
        stores.hits.refresh(),
        stores.windows.refresh(),
      ]);
    },
  }));
});
