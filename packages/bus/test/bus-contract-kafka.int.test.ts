import { loadConfig } from '@sightline/config';
import { createLogger } from '@sightline/observability';
import { Kafka, logLevel } from 'kafkajs';
import { services, uniqueName } from '../../../test/integration/services.js';
import { busContract } from '../../../test/bus/bus-contract.js';
import { KafkaBus } from '../src/index.js';

const logger = createLogger('bus-contract', 'silent');

busContract('Kafka', async (topics) => {
  const prefix = `${uniqueName('contract')}.`;
  const config = loadConfig({
    KAFKA_BROKERS: services.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
  }).kafka;
  const admin = new Kafka({ brokers: config.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: topics.map((t) => ({ topic: `${prefix}${t.name}`, numPartitions: t.partitions })),
  });
  const bus = new KafkaBus({ config, logger, clientSuffix: 'contract' });
  return {
    bus,
    name: (topic) => `${prefix}${topic}`,
    async close() {
      await bus.close();
      await admin.deleteTopics({ topics: topics.map((t) => `${prefix}${t.name}`) });
      await admin.disconnect();
    },
  };
});
