import { KafkaBus, TOPIC, topicName } from '@sightline/bus';
import type { KafkaConfig } from '@sightline/config';
import { BusConfigStore, Sites } from '@sightline/config-store';
import { createLogger } from '@sightline/observability';

/** Creates the run's topics and the site "bench" (any origin), as the admin app would. */
export async function setUpBenchSite(kafka: KafkaConfig): Promise<void> {
  const logger = createLogger('bench', 'warn');
  const bus = new KafkaBus({ config: kafka, logger, clientSuffix: 'bench' });
  await bus.ensureTopics();
  const store = new BusConfigStore(bus, topicName(kafka.topicPrefix, TOPIC.config), logger);
  await store.start();
  await new Sites(store).put({
    key: 'bench',
    name: 'Bench',
    origins: ['*'],
    createdAt: Date.now(),
  });
  await store.close();
  await bus.close();
}
