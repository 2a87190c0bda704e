import { loadConfig } from '@sightline/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services, uniqueName } from '../../../test/integration/services.js';
import { eventStoreContract, pageview, T0 } from '../../../test/stores/event-store-contract.js';
import { createElasticsearchClient, ElasticsearchEventStore } from '../src/index.js';

describe('ElasticsearchEventStore on a real server', () => {
  const prefix = uniqueName('es');
  const config = loadConfig({
    ELASTICSEARCH_URL: services.elasticsearchUrl,
    ELASTICSEARCH_INDEX_PREFIX: prefix,
  }).elasticsearch;
  const store = new ElasticsearchEventStore(createElasticsearchClient(config), config);

  beforeAll(async () => {
    await store.ensureSchema();
    await store.ensureSchema(); // idempotent
  });
  afterAll(async () => {
    await store.client.indices.delete({ index: `${prefix}-*`, allow_no_indices: true });
    await store.client.indices.deleteIndexTemplate({ name: `${prefix}-events` });
    await store.close();
  });

  eventStoreContract(() => ({ store, refresh: () => store.refresh() }));

  it('keeps events in daily indices made from the template, with explicit mappings', async () => {
    await store.append([pageview({ ts: T0 }), pageview({ ts: T0 + 120_000 })]);
    const indices = await store.client.cat.indices({ index: `${prefix}-events-*`, format: 'json' });
    expect(indices.map((i) => i.index).sort()).toEqual([
      `${prefix}-events-2026.01.01`,
      `${prefix}-events-2026.01.02`,
    ]);
    const mapping = await store.client.indices.getMapping({ index: `${prefix}-events-2026.01.01` });
    const properties = Object.values(mapping)[0]!.mappings.properties!;
    expect(properties.ts).toMatchObject({ type: 'date' });
    expect(properties.props).toMatchObject({ type: 'flattened' });
  });
});
