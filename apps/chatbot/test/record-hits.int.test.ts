import { KafkaBus, TOPIC, topicName } from '@sightline/bus';
import { loadConfig } from '@sightline/config';
import { BusConfigStore } from '@sightline/config-store';
import { createElasticsearchClient, ElasticsearchHitStore } from '@sightline/store-elasticsearch';
import { createLogger, createMetrics } from '@sightline/observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services, uniqueName } from '../../../test/integration/services.js';
import { profileHitFixture } from '../../../test/stores/hit-store-contract.js';
import { until } from '../../../test/until.js';
import { startChatbot, type Chatbot } from '../src/index.js';

const logger = createLogger('chatbot-hits-test', 'silent');

describe('profile hits kept by the chatbot on Kafka and Elasticsearch', () => {
  const name = uniqueName('hits');
  const config = loadConfig({
    KAFKA_BROKERS: services.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: `${name}.`,
    KAFKA_EVENTS_PARTITIONS: '1',
    CHATBOT_GROUP: `${name}-chatbot`,
    ELASTICSEARCH_URL: services.elasticsearchUrl,
    ELASTICSEARCH_INDEX_PREFIX: name,
  });
  const bus = new KafkaBus({ config: config.kafka, logger, clientSuffix: 'test' });
  const configStore = new BusConfigStore(
    bus,
    topicName(config.kafka.topicPrefix, TOPIC.config),
    logger,
  );
  const store = new ElasticsearchHitStore(
    createElasticsearchClient(config.elasticsearch),
    config.elasticsearch,
  );
  let chatbot: Chatbot;

  beforeAll(async () => {
    await bus.ensureTopics();
    await store.ensureSchema();
    await configStore.start();
    chatbot = await startChatbot({
      bus,
      configStore,
      logger,
      registry: createMetrics('chatbot-hits-test'),
      topicPrefix: config.kafka.topicPrefix,
      settings: config.chatbot,
      hits: { store },
    });
  });
  afterAll(async () => {
    await chatbot?.close();
    await configStore.close();
    await store.client.close();
    await bus.close();
  });

  it('are stored once each by id, malformed messages skipped', async () => {
    const now = Date.now();
    const hit = profileHitFixture;
    const hits = [
      hit('a', 'buyer', now - 2_000),
      hit('b', 'buyer', now - 1_000),
      hit('c', 'lost', now),
    ];
    const topic = topicName(config.kafka.topicPrefix, TOPIC.profileHits);
    await bus.publish(topic, [
      ...hits.map((h) => ({ key: h.visitor, value: JSON.stringify(h) })),
      { key: 'x', value: 'not json' },
      { key: 'x', value: JSON.stringify({ ...hits[0], score: 7 }) },
      // A hit delivered again (a chatbot replay) is the same document.
      { key: 'a', value: JSON.stringify(hits[0]) },
    ]);
    const range = { from: now - 60_000, to: now + 1 };
    await until(
      async () => {
        await store.refresh();
        return (await store.hits({ site: 'shop', range, limit: 10 })).length === 3;
      },
      { what: 'three hits stored' },
    );
    // Settled: nothing more arrives.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await store.refresh();
    const stored = await store.hits({ site: 'shop', range, limit: 10 });
    expect(stored.map((h) => h.visitor)).toEqual(['c', 'b', 'a']);
    expect(stored[2]).toEqual(hits[0]);
    const buyer = await store.hits({ site: 'shop', range, profileId: 'buyer', limit: 10 });
    expect(buyer.map((h) => h.visitor)).toEqual(['b', 'a']);
  });
});
