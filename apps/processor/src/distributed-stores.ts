import type { Config } from '@sightline/config';
import {
  createElasticsearchClient,
  ElasticsearchAlertStore,
  ElasticsearchEventStore,
  ElasticsearchHitStore,
  ElasticsearchSessionStore,
  ElasticsearchWindowStore,
} from '@sightline/event-store';
import { createInfluxTransport, InfluxMetricsStore } from '@sightline/metrics-store';
import type { AlertingStores } from './alerts/ports.js';
import type { ResultStores } from './ports.js';

/** The stores of the distributed mode: Elasticsearch and InfluxDB. */
export function distributedStores(config: Config): ResultStores &
  AlertingStores & {
    ensureSchemas(): Promise<void>;
    close(): Promise<void>;
  } {
  const client = createElasticsearchClient(config.elasticsearch);
  const events = new ElasticsearchEventStore(client, config.elasticsearch);
  const sessions = new ElasticsearchSessionStore(client, config.elasticsearch);
  const windows = new ElasticsearchWindowStore(client, config.elasticsearch);
  const hits = new ElasticsearchHitStore(client, config.elasticsearch);
  const alerts = new ElasticsearchAlertStore(client, config.elasticsearch);
  const metrics = new InfluxMetricsStore(createInfluxTransport(config.influxdb));
  return {
    events,
    sessions,
    windows,
    hits,
    alerts,
    metrics,
    checks: { elasticsearch: () => events.check(), influxdb: () => metrics.check() },
    async ensureSchemas() {
      await Promise.all([
        events.ensureSchema(),
        sessions.ensureSchema(),
        windows.ensureSchema(),
        hits.ensureSchema(),
        alerts.ensureSchema(),
        metrics.ensureSchema(),
      ]);
    },
    async close() {
      await Promise.all([events.close(), metrics.close()]);
    },
  };
}
