import { KafkaBus, TOPIC, topicName } from '@sightline/bus';
import { loadConfig } from '@sightline/config';
import { createLogger } from '@sightline/observability';
import { afterAll, describe, expect, it } from 'vitest';
import { services, uniqueName } from '../../../test/integration/services.js';
import { BusConfigStore, Sites } from '../src/index.js';

const logger = createLogger('config-test', 'silent');

describe('BusConfigStore on the compacted Kafka topic', () => {
  const prefix = `${uniqueName('cfg')}.`;
  const config = loadConfig({
    KAFKA_BROKERS: services.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
  }).kafka;
  const topic = topicName(prefix, TOPIC.config);
  const buses: KafkaBus[] = [];
  const stores: BusConfigStore[] = [];
  const process_ = async () => {
    const bus = new KafkaBus({ config, logger, clientSuffix: 'config-test' });
    buses.push(bus);
    await bus.ensureTopics();
    const store = new BusConfigStore(bus, topic, logger);
    stores.push(store);
    await store.start();
    return store;
  };
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await Promise.all(buses.map((b) => b.close()));
  });

  it('shares writes between processes and replays them to a process started later', async () => {
    const a = await process_();
    const b = await process_();
    await new Sites(a).put({
      key: 'shop',
      name: 'Shop',
      origins: ['https://shop.example'],
      createdAt: 1,
    });
    await new Sites(b).put({ key: 'blog', name: 'Blog', origins: ['*'], createdAt: 2 });
    await new Sites(a).remove('blog');
    await expect
      .poll(() => new Sites(b).list().map((s) => s.key), { timeout: 10_000 })
      .toEqual(['shop']);

    const late = await process_();
    expect(new Sites(late).list().map((s) => s.key)).toEqual(['shop']);
  });
});
