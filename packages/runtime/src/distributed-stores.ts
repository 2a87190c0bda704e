import { TOPIC, TopicDeadLetters, topicName } from '@sightline/bus';
import type { Config } from '@sightline/config';
import {
  createElasticsearchClient,
  ElasticsearchAlertStore,
  ElasticsearchDedupeStore,
  ElasticsearchEventStore,
  ElasticsearchHitStore,
  ElasticsearchSessionStore,
  ElasticsearchWindowStore,
} from '@sightline/store-elasticsearch';
import { createInfluxTransport, InfluxMetricsStore } from '@sightline/store-influxdb';
import type { Logger } from '@sightline/observability';
import type { Bus, StoreSet } from '@sightline/ports';

/** Which stores an app of the distributed mode opens. */
export type StoreChoice = 'all' | 'elasticsearch';

/** The Elasticsearch stores, for the apps that never read InfluxDB (chatbot, alerter). */
export type ElasticsearchStores = Omit<StoreSet, 'metrics' | 'checks'> & {
  deadLetters: TopicDeadLetters;
  checks: Record<'elasticsearch', () => Promise<void>>;
};

/** Every store of the distributed mode. */
export type DistributedStores = StoreSet & {
  deadLetters: TopicDeadLetters;
  checks: Record<'elasticsearch' | 'influxdb', () => Promise<void>>;
};

export type StoresOf<C extends StoreChoice> = C extends 'elasticsearch'
  ? ElasticsearchStores
  : DistributedStores;

/** The stores kept in Elasticsearch, and dead letters on their topic. */
export function elasticsearchStores(config: Config, bus: Bus, logger: Logger): ElasticsearchStores {
  const client = createElasticsearchClient(config.elasticsearch);
  const events = new ElasticsearchEventStore(client, config.elasticsearch);
  const sessions = new ElasticsearchSessionStore(client, config.elasticsearch);
  const windows = new ElasticsearchWindowStore(client, config.elasticsearch);
  const hits = new ElasticsearchHitStore(client, config.elasticsearch);
  const alerts = new ElasticsearchAlertStore(client, config.elasticsearch);
  const dedupe = new ElasticsearchDedupeStore(client, config.elasticsearch);
  const deadLetters = new TopicDeadLetters(
    bus,
    topicName(config.kafka.topicPrefix, TOPIC.deadLetters),
    logger,
  );
  return {
    events,
    sessions,
    windows,
    hits,
    alerts,
    dedupe,
    deadLetters,
    checks: { elasticsearch: () => events.check() },
    async ensureSchemas() {
      await Promise.all(
        [events, sessions, windows, hits, alerts, dedupe].map((store) => store.ensureSchema()),
      );
    },
    async close() {
      await deadLetters.close();
      await events.close();
    },
  };
}

/** Every store of the distributed mode: Elasticsearch's, and the windows' series in InfluxDB. */
export function distributedStores(config: Config, bus: Bus, logger: Logger): DistributedStores {
  const kept = elasticsearchStores(config, bus, logger);
  const metrics = new InfluxMetricsStore(createInfluxTransport(config.influxdb));
  return {
    ...kept,
    metrics,
    checks: { ...kept.checks, influxdb: () => metrics.check() },
    async ensureSchemas() {
      await Promise.all([kept.ensureSchemas(), metrics.ensureSchema()]);
    },
    async close() {
      await Promise.all([kept.close(), metrics.close()]);
    },
  };
}

/** The stores an app asked for. */
export function storesFor<C extends StoreChoice>(
  choice: C,
  config: Config,
  bus: Bus,
  logger: Logger,
): StoresOf<C> {
  return (
    choice === 'elasticsearch'
      ? elasticsearchStores(config, bus, logger)
      : distributedStores(config, bus, logger)
  ) as StoresOf<C>;
}
