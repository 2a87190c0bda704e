import type { AlertChannel } from '@sightline/contract';

/**
 * A channel as the admin app shows it: a webhook's secret is never sent back, nor its full
 * address (chat webhooks carry their token in the path), only where it goes.
 */
export type PublicChannel =
  | { id: string; name: string; type: 'webhook'; urlHint: string; hasSecret: true }
  | { id: string; name: string; type: 'email'; to: string[] };

export function publicChannel(channel: AlertChannel): PublicChannel {
  if (channel.type === 'email') return { ...channel };
  const url = new URL(channel.url);
  return {
    id: channel.id,
    name: channel.name,
    type: 'webhook',
    urlHint: `${url.origin}${url.pathname === '/' && !url.search ? '' : '/…'}`,
    hasSecret: true,
  };
}
