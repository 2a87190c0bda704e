import { KafkaBus, TOPIC, topicName } from '@sightline/bus';
import type { KafkaConfig } from '@sightline/config';
import { BusConfigStore, Profiles, Sites } from '@sightline/config-store';
import type { ProfileInput } from '@sightline/contract';
import { createLogger } from '@sightline/observability';

/**
 * Creates the run's topics and the site "bench" (any origin), with the given assistant profiles,
 * as the admin app would.
 */
export async function setUpBenchSite(
  kafka: KafkaConfig,
  profiles: ProfileInput[] = [],
): Promise<void> {
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
  for (const profile of profiles) await new Profiles(store).put(profile);
  await store.close();
  await bus.close();
}
