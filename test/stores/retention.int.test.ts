import { loadConfig } from '@sightline/config';
import {
  createElasticsearchClient,
  ElasticsearchEventStore,
  ElasticsearchHitStore,
  ElasticsearchSessionStore,
  ElasticsearchWindowStore,
} from '@sightline/store-elasticsearch';
import { createInfluxTransport, InfluxMetricsStore } from '@sightline/store-influxdb';
import { retentionPlan } from '@sightline/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageview } from './event-store-contract.js';
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

  it('deletes InfluxDB raw points by the events retention, each site by its own', async () => {
    const DAY = 86_400_000;
    const now = Date.UTC(2025, 5, 15, 12);
    const at = (site: string, daysAgo: number) =>
      pageview({ id: `${site}-${daysAgo}`, site, ts: now - daysAgo * DAY });
    await stores.metrics.writeEvents([
      at('raw-short', 1),
      at('raw-short', 20),
      at('raw-long', 1),
      at('raw-long', 20),
    ]);
    const plan = retentionPlan(
      [{ key: 'raw-short', retention: { eventsDays: 7 } }, { key: 'raw-long' }],
      { eventsDays: 395, aggregatesMonths: 25 },
      now,
    );
    await stores.metrics.expire(plan);
    const count = async (site: string) =>
      (
        await transport.query(
          `SELECT count("count") FROM "events" WHERE "site" = '${site}' AND "data_type" = 'raw'`,
        )
      )[0]?.values[0]?.[1];
    expect(await count('raw-short')).toBe(1);
    expect(await count('raw-long')).toBe(2);
  });
});
