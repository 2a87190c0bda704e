import { KafkaBus, TOPIC, topicName } from '@sightline/bus';
import { ConfigError, loadConfig } from '@sightline/config';
import { BusConfigStore } from '@sightline/config-store';
import { createLogger, createMetrics } from '@sightline/observability';
import { startChatbot } from './chatbot.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The chatbot as its own process, against Kafka. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('chatbot', config.logLevel);
  const bus = new KafkaBus({ config: config.kafka, logger, clientSuffix: 'chatbot' });
  // Kafka may come up after us (compose, a reboot): wait for it rather than exit.
  for (let attempt = 1; ; attempt++) {
    try {
      await bus.ensureTopics();
      break;
    } catch (error) {
      logger.warn({ attempt, err: String(error) }, 'bus not ready; retrying');
      await sleep(Math.min(30_000, 500 * 2 ** attempt));
    }
  }
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

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await chatbot.close();
    await configStore.close();
    await bus.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
