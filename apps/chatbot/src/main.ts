import { ConfigError, loadConfig } from '@sightline/config';
import { closeOnSignal, createLogger, createMetrics } from '@sightline/observability';
import { openDistributed } from '@sightline/runtime/distributed';
import { startChatbot } from './chatbot.js';

/** The chatbot as its own process, against Kafka (and Elasticsearch, where its hits are kept). */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('chatbot', config.logLevel, config.logFormat);
  const { bus, configStore, stores, closers } = await openDistributed(config, logger, 'chatbot', {
    stores: true,
  });
  const chatbot = await startChatbot({
    bus,
    configStore,
    logger,
    registry: createMetrics('chatbot'),
    topicPrefix: config.kafka.topicPrefix,
    settings: config.chatbot,
    hits: { store: stores.hits, checks: { elasticsearch: stores.checks.elasticsearch } },
    ops: { host: config.host, port: config.ports.chatbot },
  });
  logger.info({ ops: chatbot.opsPort }, 'chatbot started');

  closeOnSignal(
    logger,
    { chatbot: () => chatbot.close(), ...closers },
    { timeoutMs: config.shutdownTimeoutMs },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
