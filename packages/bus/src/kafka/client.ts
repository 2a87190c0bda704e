import type { KafkaConfig } from '@sightline/config';
import type { Logger } from '@sightline/observability';
import { connect as tcpConnect, isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { Kafka, logLevel, type ISocketFactory, type LogEntry, type SASLOptions } from 'kafkajs';

/**
 * kafkajs's own sockets keep Nagle's algorithm on: a produce request and its acknowledgement can
 * then wait on delayed-ACK timers (tens of ms). The Java client sets TCP_NODELAY; so do we.
 */
export const socketFactory: ISocketFactory = ({ host, port, ssl, onConnect }) => {
  const socket = ssl
    ? tlsConnect({ host, port, ...(isIP(host) ? {} : { servername: host }), ...ssl }, onConnect)
    : tcpConnect({ host, port }, onConnect);
  socket.setNoDelay(true);
  socket.setKeepAlive(true, 60_000);
  return socket;
};

/** Routes kafkajs's own logs into the service's JSON logger. */
function logCreator(logger: Logger) {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, ...extra } = log;
      const fields = { component: 'kafkajs', namespace, ...extra };
      // Retries are bounded on purpose (see publisher.ts): not worth a warning at every start.
      const deliberate = message.startsWith('Limiting retries for the idempotent producer');
      if (level === logLevel.ERROR) logger.error(fields, message);
      else if (level === logLevel.WARN && !deliberate) logger.warn(fields, message);
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
    socketFactory,
  });
}
