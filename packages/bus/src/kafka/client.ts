import type { KafkaConfig } from '@sightline/config';
import type { Logger } from '@sightline/observability';
import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';

/** Routes kafkajs's own logs into the service's JSON logger. */
function logCreator(logger: Logger) {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, ...extra } = log;
      const fields = { component: 'kafkajs', namespace, ...extra };
      if (level === logLevel.ERROR) logger.error(fields, message);
      else if (level === logLevel.WARN) logger.warn(fields, message);
      else if (level === logLevel.INFO) logger.debug(fields, message);
      else logger.trace(fields, message);
    };
}

export function createKafka(config: KafkaConfig, logger: Logger, clientSuffix: string): Kafka {
  return new Kafka({
    clientId: `${config.clientId}-${clientSuffix}`,
    brokers: config.brokers,
    ssl: config.ssl,
    ...(config.sasl ? { sasl: config.sasl as SASLOptions } : {}),
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 100, maxRetryTime: 2_000, retries: 5 },
    logLevel: logLevel.INFO,
    logCreator: logCreator(logger),
  });
}
