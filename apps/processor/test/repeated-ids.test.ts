import { EmbeddedBus, TOPIC, topicName, topicSpecs } from '@sightline/bus';
import { loadConfig } from '@sightline/config';
import {
  CLOCK_KEY,
  encodeClockMessage,
  encodeEventsMessage,
  type CollectedEvent,
} from '@sightline/contract';
import { openEmbeddedStores } from '@sightline/store-embedded';
import { createLogger, createMetrics } from '@sightline/observability';
import { expect, it } from 'vitest';
import { collectedEvent } from '../../../test/streams/collected-event.js';
import { until } from '../../../test/until.js';
import { startProcessor } from '../src/index.js';

const logger = createLogger('processor-test', 'silent');
const T0 = Date.UTC(2026, 5, 1, 12, 0, 0);

const pageview = (overrides: Partial<CollectedEvent>) =>
  collectedEvent({ visitor: 'a', session: 's', ...overrides }, T0);

it('counts an event id once, re-sent with another visitor (partition) or 20 s earlier (window)', async () => {
  const config = loadConfig({ KAFKA_EVENTS_PARTITIONS: '4', PROCESSOR_LIVE_FLUSH_MS: '20' });
  const events = topicName(config.kafka.topicPrefix, TOPIC.events);
  const bus = new EmbeddedBus({ topics: topicSpecs(config.kafka), logger, batchSize: 20 });
  const stores = await openEmbeddedStores(':memory:');
  await stores.ensureSchemas();
  const processor = await startProcessor({
    bus,
    stores,
    logger,
    registry: createMetrics('repeats'),
    topicPrefix: config.kafka.topicPrefix,
    settings: config.processor,
  });

  const originals = Array.from({ length: 50 }, (_, i) =>
    pageview({ ts: T0 + i * 100, receivedAt: T0 + i * 100 }),
  );
  const send = (partition: number, list: CollectedEvent[]) =>
    bus.publish(
      events,
      list.map((event) => ({
        key: `shop:${event.visitor}`,
        value: encodeEventsMessage([event]),
        partition,
      })),
    );
  await send(0, originals);
  // The same ids again: under another visitor key on another partition, and 20 s earlier.
  await send(
    1,
    originals.map((e) => ({ ...e, visitor: 'b', receivedAt: e.receivedAt + 5_000 })),
  );
  await send(
    0,
    originals.map((e) => ({ ...e, ts: e.ts - 20_000, receivedAt: e.receivedAt + 6_000 })),
  );
  // An hour later: every window final.
  const clock = encodeClockMessage(T0 + 3_600_000);
  await bus.publish(
    events,
    [0, 1, 2, 3].map((partition) => ({ key: CLOCK_KEY, value: clock, partition })),
  );
  await until(
    async () => (await bus.lag(config.processor.group, events)).every((p) => p.lag === 0),
    { what: 'caught up', timeoutMs: 20_000 },
  );

  const range = { from: T0 - 3_600_000, to: T0 + 3_600_000 };
  const windows = await stores.windows.windows({ site: 'shop', range });
  expect(windows.reduce((sum, w) => sum + w.metrics.events, 0)).toBe(50);
  expect(windows.reduce((sum, w) => sum + w.metrics.pageviews, 0)).toBe(50);
  const series = await stores.metrics.series({
    site: 'shop',
    range,
    stepMs: 3_600_000,
    fields: ['events'],
  });
  expect(series.reduce((sum, point) => sum + (point.values.events ?? 0), 0)).toBe(50);
  const raw = await stores.events.search({ site: 'shop', range, limit: 0 });
  expect(raw.total).toBe(50);

  await processor.close();
  await bus.close();
  await stores.close();
});
