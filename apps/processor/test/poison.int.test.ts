import { TOPIC, TopicDeadLetters, topicName } from '@sightline/bus';
import { CLOCK_KEY, encodeClockMessage, encodeEventsMessage } from '@sightline/contract';
import { createElasticsearchClient, ElasticsearchEventStore } from '@sightline/store-elasticsearch';
import { createLogger } from '@sightline/observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectedEvent } from '../../../test/streams/collected-event.js';
import { until } from '../../../test/until.js';
import type { Processor } from '../src/index.js';
import { Pipeline } from './pipeline.js';

/**
 * Poison in the distributed mode: records a store refuses, or that no store can hold, go to the
 * dead-letters topic with their reason, and the partition goes on storing what follows.
 */
describe('a poisoned event on Kafka', () => {
  const pipeline = new Pipeline({ partitions: 1 });
  let processor: Processor;
  let ops = '';

  beforeAll(async () => {
    await pipeline.setup();
    processor = await pipeline.startInProcess({ ops: true });
    ops = `http://127.0.0.1:${processor.opsPort!}`;
  });
  afterAll(async () => {
    await processor.close();
    await pipeline.close();
  });

  it('is set aside with its reason, and every event after it is stored', async () => {
    const topic = topicName(pipeline.config.kafka.topicPrefix, TOPIC.events);
    const now = Date.now();
    const event = (overrides: Record<string, unknown> = {}) =>
      collectedEvent({ type: 'custom', name: 'signup', ...overrides }, now);
    // Elasticsearch refuses text where its mapping wants a number (ingest would have refused it,
    // but this message did not come through ingest); no store holds the year 1053.
    const refusedByElasticsearch = event({ seq: 'not a number' });
    const outOfRange = event({ ts: -29_000_000_000_000 });
    const valid = [event(), event(), event()];
    await pipeline.bus.publish(topic, [
      { key: 'shop:v1', value: encodeEventsMessage([valid[0]!]) },
      { key: 'shop:v1', value: encodeEventsMessage([refusedByElasticsearch, valid[1]!]) },
      { key: 'shop:v1', value: encodeEventsMessage([outOfRange]) },
      { key: 'shop:v1', value: encodeEventsMessage([valid[2]!]) },
    ]);

    const store = new ElasticsearchEventStore(
      createElasticsearchClient(pipeline.config.elasticsearch),
      pipeline.config.elasticsearch,
    );
    await until(
      async () => {
        await store.refresh();
        return (
          (await store.search({ site: 'shop', range: { from: 0, to: now + 1 }, limit: 0 }))
            .total === valid.length
        );
      },
      { what: 'the valid events stored' },
    );
    const letters = new TopicDeadLetters(
      pipeline.bus,
      topicName(pipeline.config.kafka.topicPrefix, TOPIC.deadLetters),
      createLogger('test', 'silent'),
    );
    let summary = await letters.summary({ limit: 10 });
    await until(
      async () => {
        summary = await letters.summary({ limit: 10 });
        return summary.total === 2;
      },
      { what: 'two dead letters' },
    );
    const byEvent = new Map(summary.recent.map((letter) => [letter.eventId, letter]));
    expect(byEvent.get(refusedByElasticsearch.id)).toMatchObject({
      stage: 'events',
      site: 'shop',
      reason: expect.stringContaining('[seq]') as string,
    });
    expect(byEvent.get(outOfRange.id)).toMatchObject({
      stage: 'read',
      reason: expect.stringContaining('ts') as string,
    });
    // The partition moves past all of it: once time closes the windows, everything is committed.
    await pipeline.bus.publish(topic, [
      { key: CLOCK_KEY, value: encodeClockMessage(now + 3_600_000), partition: 0 },
    ]);
    await pipeline.waitCaughtUp();
    const metrics = await (await fetch(`${ops}/metrics`)).text();
    expect(metrics).toMatch(
      /sightline_processor_dead_letters_total\{[^}]*stage="events"[^}]*\} 1\b/,
    );
    expect(metrics).toMatch(/sightline_processor_dead_letters_total\{[^}]*stage="read"[^}]*\} 1\b/);
    expect((await fetch(`${ops}/readyz`)).status).toBe(200);
    await letters.close();
    await store.client.close();
  });
});
