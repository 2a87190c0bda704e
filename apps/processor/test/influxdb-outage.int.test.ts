import { afterAll, beforeAll, describe, it } from 'vitest';
import { dedicatedService } from '../../../test/integration/dedicated-service.js';
import { outageScenario } from './outage.js';
import { Pipeline } from './pipeline.js';

const PORT = 18_186;
const influxdb = dedicatedService('influxdb', 'processor-influx-outage', {
  INFLUXDB_PORT: PORT,
  INFLUXDB_RPC_PORT: PORT + 1,
});

describe('InfluxDB stopped for a minute', () => {
  const pipeline = new Pipeline({ influxdbUrl: `http://127.0.0.1:${PORT}` });
  beforeAll(async () => {
    await influxdb.start();
    await pipeline.setup();
  }, 240_000);
  afterAll(async () => {
    await pipeline.close();
    await influxdb.destroy();
  }, 120_000);

  it('holds the lag while it is down, catches up after, and the totals are exact', async () => {
    await outageScenario(pipeline, influxdb, 60_000);
  }, 300_000);
});
