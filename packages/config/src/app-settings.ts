import type { Config } from './config.js';

/**
 * What the processor, the chatbot and the alerter each take from the configuration, alone and in
 * the single process alike: the topics' prefix, their own settings and their operations port.
 */
export function appSettings<S>(
  config: Config,
  settings: S,
  port: number,
): { topicPrefix: string; settings: S; ops: { host: string; port: number } } {
  return { topicPrefix: config.kafka.topicPrefix, settings, ops: { host: config.host, port } };
}
