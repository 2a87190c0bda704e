import type { Config } from '@sightline/config';
import { createElasticsearchClient } from '@sightline/store-elasticsearch';
import { createInfluxTransport } from '@sightline/store-influxdb';
import { Kafka, logLevel } from 'kafkajs';

/**
 * Drops a run's topics, Elasticsearch indices and InfluxDB database (all named after the run):
 * later runs must not pay for their merges.
 */
export async function cleanUpRun(config: Config, name: string): Promise<void> {
  const client = createElasticsearchClient(config.elasticsearch);
  await client.indices.delete({ index: `${name}-*`, allow_no_indices: true });
  await client.indices.deleteIndexTemplate({ name: `${name}-*` }).catch(() => undefined);
  await client.close();
  const transport = createInfluxTransport(config.influxdb);
  await transport.query(`DROP DATABASE "${config.influxdb.database}"`);
  await transport.close();
  const admin = new Kafka({ brokers: config.kafka.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(config.kafka.topicPrefix));
  await admin.deleteTopics({ topics });
  await admin.disconnect();
}
