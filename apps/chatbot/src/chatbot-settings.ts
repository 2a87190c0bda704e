import type { Config } from '@sightline/config';
import type { ChatbotDeps } from './chatbot.js';

/** The chatbot's settings from the configuration: the same alone and in the single process. */
export function chatbotSettings(
  config: Config,
): Pick<ChatbotDeps, 'topicPrefix' | 'settings' | 'ops'> {
  return {
    topicPrefix: config.kafka.topicPrefix,
    settings: config.chatbot,
    ops: { host: config.host, port: config.ports.chatbot },
  };
}
