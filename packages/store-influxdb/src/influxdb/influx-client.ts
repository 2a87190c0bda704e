import type { InfluxdbConfig } from '@sightline/config';
import type { InfluxTransport } from './transport.js';
import { V1Transport } from './v1-transport.js';
import { V2Transport } from './v2-transport.js';

/** The transport matching the configured API generation. */
export function createInfluxTransport(config: InfluxdbConfig): InfluxTransport {
  if (config.api === 'v2') {
    return new V2Transport({
      url: config.url,
      org: config.org,
      bucket: config.bucket,
      token: config.token,
    });
  }
  return new V1Transport({
    url: config.url,
    database: config.database,
    ...(config.retentionPolicy ? { retentionPolicy: config.retentionPolicy } : {}),
    ...(config.username ? { username: config.username } : {}),
    ...(config.password ? { password: config.password } : {}),
    ...(config.token ? { token: config.token } : {}),
  });
}
