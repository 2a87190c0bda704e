import { randomUUID } from 'node:crypto';
import type { CollectedEvent } from '@sightline/contract';

/**
 * An event as ingest puts it on the events topic (validated and enriched): a page view of
 * visitor `v1` on the site `shop` at `at`, with `overrides` on top — any field, even one the
 * contract would refuse (tests of what the consumers do with poison).
 */
export function collectedEvent(
  overrides: Record<string, unknown> = {},
  at = Date.now(),
): CollectedEvent {
  return {
    id: randomUUID(),
    type: 'pageview',
    visitor: 'v1',
    session: 's1',
    ts: at,
    url: 'https://shop.example/',
    path: '/',
    v: 1,
    site: 'shop',
    receivedAt: at,
    clientTs: at,
    device: 'desktop',
    bot: false,
    channel: 'direct',
    personalisation: true,
    ...overrides,
  };
}
