import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStream } from '../../../test/streams/generate-stream.js';
import type { Processor } from '../src/index.js';
import { Pipeline } from './pipeline.js';

describe('the processor on real Kafka, Elasticsearch and InfluxDB', () => {
  const pipeline = new Pipeline();
  let processor: Processor;

  beforeAll(async () => {
    await pipeline.setup();
    processor = await pipeline.startInProcess();
  });
  afterAll(async () => {
    await processor.close();
    await pipeline.close();
  });

  it('stores exactly what an independent computation gives for a stream with duplicates, disorder and late events', async () => {
    await pipeline.publish(generateStream(21, 3_000));
    await pipeline.waitCaughtUp();
    expect(processor.partitions()).toEqual([0, 1, 2, 3]);
    await pipeline.verify();
  });
});
