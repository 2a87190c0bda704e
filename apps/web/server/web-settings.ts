import type { Config } from '@sightline/config';
import type { WebDeps } from './web-server.js';

/** The admin app's settings from the configuration: the same alone and in the single process. */
export function webSettings(
  config: Config,
): Omit<WebDeps, 'bus' | 'configStore' | 'stores' | 'logger' | 'registry'> {
  return {
    alerting: config.alerts,
    retention: config.retention,
    topicPrefix: config.kafka.topicPrefix,
    ingestPublicUrl: config.ingestPublicUrl,
    host: config.host,
    port: config.ports.web,
    ops: { host: config.host, port: config.ports.webOps },
    secureCookies: config.web.secureCookies,
    trustProxy: config.web.trustProxy,
    ...(config.web.owner ? { owner: config.web.owner } : {}),
  };
}
