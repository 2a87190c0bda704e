import { appSettings } from '@sightline/config';
import { createMetrics } from '@sightline/observability';
import { runDistributedApp } from '@sightline/runtime/distributed';
import { startChatbot } from './chatbot.js';

/** The chatbot as its own process, against Kafka (and Elasticsearch, where its hits are kept). */
runDistributedApp('chatbot', 'elasticsearch', async ({ stores, config, ...parts }) => {
  const chatbot = await startChatbot({
    ...parts,
    registry: createMetrics('chatbot'),
    ...appSettings(config, config.chatbot, config.ports.chatbot),
    hits: { store: stores.hits, checks: stores.checks },
  });
  parts.logger.info({ ops: chatbot.opsPort }, 'chatbot started');

  return { chatbot: () => chatbot.close() };
});
