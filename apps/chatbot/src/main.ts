import { createMetrics } from '@sightline/observability';
import { runDistributedApp } from '@sightline/runtime/distributed';
import { startChatbot } from './chatbot.js';

/** The chatbot as its own process, against Kafka (and Elasticsearch, where its hits are kept). */
runDistributedApp(
  'chatbot',
  'elasticsearch',
  async ({ bus, configStore, stores, config, logger }) => {
    const chatbot = await startChatbot({
      bus,
      configStore,
      logger,
      registry: createMetrics('chatbot'),
      topicPrefix: config.kafka.topicPrefix,
      settings: config.chatbot,
      hits: { store: stores.hits, checks: stores.checks },
      ops: { host: config.host, port: config.ports.chatbot },
    });
    logger.info({ ops: chatbot.opsPort }, 'chatbot started');

    return { chatbot: () => chatbot.close() };
  },
);
