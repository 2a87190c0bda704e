import { KafkaBus, TOPIC, TopicDeadLetters, topicName } from '@sightline/bus';
import { ConfigError, loadConfig } from '@sightline/config';
import { BusConfigStore } from '@sightline/config-store';
import {
  createElasticsearchClient,
  ElasticsearchAlertStore,
  ElasticsearchEventStore,
  ElasticsearchHitStore,
  ElasticsearchSessionStore,
  ElasticsearchWindowStore,
} from '@sightline/event-store';
import { createInfluxTransport, InfluxMetricsStore } from '@sightline/metrics-store';
import {
  closeOnSignal,
  createLogger,
  createMetrics,
  retryUntilReady,
} from '@sightline/observability';
import { startWebServer } from './web-server.js';

/** The admin app as its own process, against Kafka, Elasticsearch and InfluxDB. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('web', config.logLevel, config.logFormat);
  const bus = new KafkaBus({ config: config.kafka, logger, clientSuffix: 'web' });
  const client = createElasticsearchClient(config.elasticsearch);
  const events = new ElasticsearchEventStore(client, config.elasticsearch);
  const hits = new ElasticsearchHitStore(client, config.elasticsearch);
  const windows = new ElasticsearchWindowStore(client, config.elasticsearch);
  const alerts = new ElasticsearchAlertStore(client, config.elasticsearch);
  const sessions = new ElasticsearchSessionStore(client, config.elasticsearch);
  const metrics = new InfluxMetricsStore(createInfluxTransport(config.influxdb));
  await retryUntilReady(logger, 'stores or bus', async () => {
    await bus.ensureTopics();
    await Promise.all([
      events.ensureSchema(),
      hits.ensureSchema(),
      windows.ensureSchema(),
      alerts.ensureSchema(),
      sessions.ensureSchema(),
      metrics.ensureSchema(),
    ]);
  });
  const configStore = new BusConfigStore(
    bus,
    topicName(config.kafka.topicPrefix, TOPIC.config),
    logger,
  );
  await configStore.start();
  const deadLetters = new TopicDeadLetters(
    bus,
    topicName(config.kafka.topicPrefix, TOPIC.deadLetters),
    logger,
  );
  const web = await startWebServer({
    bus,
    configStore,
    events,
    hits,
    windows,
    alerts,
    sessions,
    metrics,
    deadLetters,
    alerting: config.alerts,
    retention: config.retention,
    logger,
    registry: createMetrics('web'),
    topicPrefix: config.kafka.topicPrefix,
    ingestPublicUrl: config.ingestPublicUrl,
    host: config.host,
    port: config.ports.web,
    ops: { host: config.host, port: config.ports.webOps },
    secureCookies: config.web.secureCookies,
    trustProxy: config.web.trustProxy,
    ...(config.web.owner ? { owner: config.web.owner } : {}),
  });
  logger.info({ url: web.url }, 'web started');

  closeOnSignal(
    logger,
    {
      web: () => web.close(),
      configStore: () => configStore.close(),
      deadLetters: () => deadLetters.close(),
      bus: () => bus.close(),
      stores: () => Promise.all([events.close(), metrics.close()]),
    },
    { timeoutMs: config.shutdownTimeoutMs },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
