import { randomUUID } from 'node:crypto';
import { TOPIC, topicName } from '@sightline/bus';
import { encodeEventsMessage, type CollectedEvent } from '@sightline/contract';
import { createElasticsearchClient, ElasticsearchEventStore } from '@sightline/store-elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStream } from '../../../test/streams/generate-stream.js';
import { until } from '../../../test/until.js';
import type { Processor } from '../src/index.js';
import { Pipeline } from './pipeline.js';

describe('the processor on real Kafka, Elasticsearch and InfluxDB', () => {
  const pipeline = new Pipeline();
  let processor: Processor;
  let ops: string;

  beforeAll(async () => {
    await pipeline.setup();
    processor = await pipeline.startInProcess({ ops: true });
    ops = `http://127.0.0.1:${processor.opsPort!}`;
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

  it('answers health, readiness and metrics, with the lag per partition', async () => {
    expect((await fetch(`${ops}/healthz`)).status).toBe(200);
    const ready = await fetch(`${ops}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { bus: { ok: true }, elasticsearch: { ok: true }, influxdb: { ok: true } },
    });
    await until(
      async () =>
        /sightline_processor_consumer_lag\{partition="3"[^}]*\} 0/.test(
          await (await fetch(`${ops}/metrics`)).text(),
        ),
      {
        what: 'lag of 0 in /metrics',
      },
    );
    const metrics = await (await fetch(`${ops}/metrics`)).text();
    expect(metrics).toMatch(/sightline_processor_events_total\{[^}]*\} [1-9]\d*/);
    expect(metrics).toMatch(/sightline_processor_late_events_total\{[^}]*\} [1-9]\d*/);
    expect(metrics).toMatch(/sightline_processor_duplicate_events_total\{[^}]*\} [1-9]\d*/);
    expect(metrics).toContain('sightline_processor_flush_seconds_bucket');
    // Each store's writes are timed by name, and so is the commit.
    for (const store of ['events', 'event-points', 'sessions', 'window-documents', 'commit'])
      expect(metrics).toMatch(
        new RegExp(`sightline_processor_write_seconds_count\\{[^}]*store="${store}"[^}]*\\} [1-9]`),
      );
    // Everything read was stored, and every partition says how old its stored results are.
    const total = (name: string) =>
      Number(new RegExp(`${name}\\{[^}]*\\} (\\d+)`).exec(metrics)?.[1]);
    expect(total('sightline_processor_events_stored_total')).toBe(
      total('sightline_processor_events_total'),
    );
    for (const partition of [0, 1, 2, 3])
      expect(metrics).toMatch(
        new RegExp(
          `sightline_processor_watermark_age_seconds\\{partition="${partition}"[^}]*\\} \\d`,
        ),
      );
  });
});

describe('hostile messages on the events topic', () => {
  const pipeline = new Pipeline({ partitions: 1 });
  let processor: Processor;
  let ops: string;

  beforeAll(async () => {
    await pipeline.setup();
    processor = await pipeline.startInProcess({ ops: true });
    ops = `http://127.0.0.1:${processor.opsPort!}`;
  });
  afterAll(async () => {
    await processor.close();
    await pipeline.close();
  });

  it('skips what is not an events message, counts it, and loses none of the valid events around it', async () => {
    const topic = topicName(pipeline.config.kafka.topicPrefix, TOPIC.events);
    const now = Date.now();
    const event = (): CollectedEvent => ({
      id: randomUUID(),
      type: 'pageview',
      visitor: 'v1',
      session: 's1',
      ts: now,
      url: 'https://shop.example/',
      path: '/',
      v: 1,
      site: 'shop',
      receivedAt: now,
      clientTs: now,
      device: 'desktop',
      bot: false,
      channel: 'direct',
      personalisation: true,
    });
    const valid = Array.from({ length: 6 }, event);
    const junk = [
      'not json',
      '{"v":99,"events":[]}',
      '{"v":1}',
      'null',
      '{"v":1,"events":"x"}',
      'x'.repeat(500_000),
    ];
    await pipeline.bus.publish(
      topic,
      valid.flatMap((e, i) => [
        { key: 'shop:v1', value: encodeEventsMessage([e]) },
        { key: 'shop:v1', value: junk[i]! },
      ]),
    );
    const client = createElasticsearchClient(pipeline.config.elasticsearch);
    const store = new ElasticsearchEventStore(client, pipeline.config.elasticsearch);
    await until(
      async () => {
        await store.refresh();
        return (
          (await store.search({ site: 'shop', range: { from: 0, to: now + 1 }, limit: 0 }))
            .total === valid.length
        );
      },
      { what: 'valid events stored' },
    );
    const metrics = await (await fetch(`${ops}/metrics`)).text();
    expect(metrics).toMatch(/sightline_processor_malformed_messages_total\{[^}]*\} 6\b/);
    expect((await fetch(`${ops}/healthz`)).status).toBe(200);
    await client.close();
  });
});
