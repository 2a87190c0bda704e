// Where the integration tests find the real services started by infra/up.sh.
const env = process.env;

export const services = {
  kafkaBrokers: (env.KAFKA_BROKERS ?? `127.0.0.1:${env.KAFKA_PORT ?? '9092'}`).split(','),
  elasticsearchUrl: env.ELASTICSEARCH_URL ?? `http://127.0.0.1:${env.ELASTICSEARCH_PORT ?? '9200'}`,
  influxdbUrl: env.INFLUXDB_URL ?? `http://127.0.0.1:${env.INFLUXDB_PORT ?? '8086'}`,
};

/** A name no other test run uses, so tests share the servers without sharing data. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
