import { KafkaBus, TOPIC, topicName } from '@sightline/bus';
import { ConfigError, loadConfig } from '@sightline/config';
import { BusConfigStore } from '@sightline/config-store';
import {
  closeOnSignal,
  createLogger,
  createMetrics,
  retryUntilReady,
} from '@sightline/observability';
import { startChatbot } from './chatbot.js';

/** The chatbot as its own process, against Kafka. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('chatbot', config.logLevel, config.logFormat);
  const bus = new KafkaBus({ config: config.kafka, logger, clientSuffix: 'chatbot' });
  await retryUntilReady(logger, 'bus', () => bus.ensureTopics());
  const configStore = new BusConfigStore(
    bus,
    topicName(config.kafka.topicPrefix, TOPIC.config),
    logger,
  );
  await configStore.start();
  const chatbot = await startChatbot({
    bus,
    configStore,
    logger,
    registry: createMetrics('chatbot'),
    topicPrefix: config.kafka.topicPrefix,
    settings: config.chatbot,
    ops: { host: config.host, port: config.ports.chatbot },
  });
  logger.info({ ops: chatbot.opsPort }, 'chatbot started');

  closeOnSignal(
    logger,
    {
      chatbot: () => chatbot.close(),
      configStore: () => configStore.close(),
      bus: () => bus.close(),
    },
    { timeoutMs: config.shutdownTimeoutMs },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
