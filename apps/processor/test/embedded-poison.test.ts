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

const custom = (overrides: Record<string, unknown> = {}) =>
  collectedEvent({ type: 'custom', name: 'signup', visitor: 'a', session: 's', ...overrides }, T0);

/**
 * The single process: a message that is not JSON and an event without an id are set aside as
 * dead letters with their reasons, text no store takes (a lone surrogate, a NUL in a key) is
 * repaired, and the partition stores everything that follows.
 */
it('sets poison aside in the single process and stores every event after it', async () => {
  const config = loadConfig({ KAFKA_EVENTS_PARTITIONS: '1', PROCESSOR_LIVE_FLUSH_MS: '20' });
  const events = topicName(config.kafka.topicPrefix, TOPIC.events);
  const bus = new EmbeddedBus({ topics: topicSpecs(config.kafka), logger, batchSize: 5 });
  const stores = await openEmbeddedStores(':memory:');
  await stores.ensureSchemas();
  const registry = createMetrics('poison');
  const processor = await startProcessor({
    bus,
    stores,
    logger,
    registry,
    topicPrefix: config.kafka.topicPrefix,
    settings: config.processor,
  });

  const valid = Array.from({ length: 30 }, (_, i) => custom({ ts: T0 + i, receivedAt: T0 + i }));
  const loneSurrogate = custom({ props: { note: 'a\ud800b', 'k\u0000': 'v' } });
  const withoutId = { ...custom(), id: undefined };
  const message = (list: unknown[]) => ({
    key: 'shop:a',
    value: encodeEventsMessage(list as CollectedEvent[]),
  });
  await bus.publish(events, [
    ...valid.slice(0, 10).map((e) => message([e])),
    message([loneSurrogate]),
    { key: 'shop:a', value: 'not json at all' },
    message([withoutId, valid[10]]),
    ...valid.slice(11).map((e) => message([e])),
    { key: CLOCK_KEY, value: encodeClockMessage(T0 + 3_600_000), partition: 0 },
  ]);
  await until(
    async () => (await bus.lag(config.processor.group, events)).every((p) => p.lag === 0),
    { what: 'caught up past the poison', timeoutMs: 20_000 },
  );

  const range = { from: T0 - 60_000, to: T0 + 60_000 };
  const stored = await stores.events.search({ site: 'shop', range, limit: 100 });
  expect(stored.total).toBe(31);
  const repaired = stored.events.find((e) => e.id === loneSurrogate.id);
  expect((repaired as { props?: unknown } | undefined)?.props).toEqual({
    note: 'a\ufffdb',
    'k\ufffd': 'v',
  });
  const windows = await stores.windows.windows({ site: 'shop', range });
  expect(windows.reduce((sum, w) => sum + w.metrics.events, 0)).toBe(31);
  const letters = await stores.deadLetters.summary({ limit: 10 });
  expect(letters.total).toBe(2);
  expect(letters.recent.map((l) => l.stage)).toEqual(['read', 'read']);
  expect(letters.recent.map((l) => l.reason).sort()).toEqual([
    expect.stringMatching(/^id: /) as string,
    expect.stringMatching(/not an events topic message/) as string,
  ]);
  const metrics = await registry.metrics();
  expect(metrics).toMatch(/sightline_processor_dead_letters_total\{[^}]*stage="read"[^}]*\} 2\b/);

  await processor.close();
  await bus.close();
  await stores.close();
});
