/**
 * The environment of the apps of one benchmark run on Kafka, Elasticsearch and InfluxDB: topics,
 * indices and database named after the run (so clean-up finds them), six partitions, and ingest's
 * rate limits out of the way of the load generator.
 */
export function runEnv(name: string): Record<string, string> {
  return {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    KAFKA_TOPIC_PREFIX: `${name}.`,
    KAFKA_EVENTS_PARTITIONS: '6',
    ELASTICSEARCH_INDEX_PREFIX: name,
    INFLUXDB_DATABASE: name.replaceAll('-', '_'),
    INGEST_IP_RATE: '1000000',
    INGEST_SITE_RATE: '10000000',
    ...(process.env.ELASTICSEARCH_URL ? { ELASTICSEARCH_URL: process.env.ELASTICSEARCH_URL } : {}),
    ...(process.env.INFLUXDB_URL ? { INFLUXDB_URL: process.env.INFLUXDB_URL } : {}),
  };
}
