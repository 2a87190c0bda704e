import type { Config } from '@sightline/config';
import type { AlerterDeps } from './alerter.js';

/** The alerter's settings from the configuration: the same alone and in the single process. */
export function alerterSettings(
  config: Config,
): Pick<AlerterDeps, 'topicPrefix' | 'settings' | 'ops'> {
  return {
    topicPrefix: config.kafka.topicPrefix,
    settings: config.alerts,
    ops: { host: config.host, port: config.ports.alerter },
  };
}
