import { afterAll, beforeAll, describe, it } from 'vitest';
import { dedicatedService } from '../../../test/integration/dedicated-service.js';
import { outageScenario } from './outage.js';
import { Pipeline } from './pipeline.js';

const PORT = 19_250;
const elasticsearch = dedicatedService('elasticsearch', 'processor-es-outage', {
  ELASTICSEARCH_PORT: PORT,
  ELASTICSEARCH_TRANSPORT_PORT: PORT + 1,
});

describe('Elasticsearch stopped for a minute', () => {
  const pipeline = new Pipeline({ elasticsearchUrl: `http://127.0.0.1:${PORT}` });
  beforeAll(async () => {
    await elasticsearch.start();
    await pipeline.setup();
  }, 240_000);
  afterAll(async () => {
    await pipeline.close();
    await elasticsearch.destroy();
  }, 120_000);

  it('holds the lag while it is down, catches up after, and the totals are exact', async () => {
    await outageScenario(pipeline, elasticsearch, 60_000);
  }, 300_000);
});
