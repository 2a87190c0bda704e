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

/**
 * The stores of the distributed mode: Elasticsearch and InfluxDB, and dead letters on their
 * topic.
 */
export function distributedStores(
  config: Config,
  bus: Bus,
  logger: Logger,
): StoreSet & {
  deadLetters: TopicDeadLetters;
  checks: Record<'elasticsearch' | 'influxdb', () => Promise<void>>;
} {
  const client = createElasticsearchClient(config.elasticsearch);
  const events = new ElasticsearchEventStore(client, config.elasticsearch);
  const sessions = new ElasticsearchSessionStore(client, config.elasticsearch);
  const windows = new ElasticsearchWindowStore(client, config.elasticsearch);
  const hits = new ElasticsearchHitStore(client, config.elasticsearch);
  const alerts = new ElasticsearchAlertStore(client, config.elasticsearch);
  const metrics = new InfluxMetricsStore(createInfluxTransport(config.influxdb));
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
    metrics,
    dedupe,
    deadLetters,
    checks: { elasticsearch: () => events.check(), influxdb: () => metrics.check() },
    async ensureSchemas() {
      await Promise.all([
        events.ensureSchema(),
        sessions.ensureSchema(),
        windows.ensureSchema(),
        hits.ensureSchema(),
        alerts.ensureSchema(),
        metrics.ensureSchema(),
        dedupe.ensureSchema(),
      ]);
    },
    async close() {
      await deadLetters.close();
      await Promise.all([events.close(), metrics.close()]);
    },
  };
}
