/**
 * Mappings of the processor's results. Counts by key (event types, channels, top paths…) are
 * nested key/count pairs so they can be summed per key across windows and partitions.
 */
import type { Client, estypes } from '@elastic/elasticsearch';
import type { ElasticsearchConfig } from '@sightline/config';
import { SCROLL_QUARTERS, WINDOW_COUNT_MAPS, WINDOW_COUNTERS } from '@sightline/contract';
import {
  bool,
  epochMillis,
  integer,
  keyword,
  long,
  longKeyword,
  UTM_MAPPING,
} from './field-types.js';

const counts = { type: 'nested', properties: { key: keyword, count: long } } as const;

export const WINDOW_PROPERTIES = {
  site: keyword,
  start: epochMillis,
  partition: integer,
  final: bool,
  watermark: epochMillis,
  activeVisitors: integer,
  metrics: {
    properties: {
      ...Object.fromEntries(WINDOW_COUNTERS.map((field) => [field, long])),
      ...Object.fromEntries(
        WINDOW_COUNT_MAPS.filter((map) => map !== 'revenue').map((map) => [map, counts]),
      ),
      scrollReached: {
        properties: Object.fromEntries(SCROLL_QUARTERS.map((q) => [q, long])),
      },
      revenue: { type: 'nested', properties: { key: keyword, amount: { type: 'double' } } },
      topPaths: counts,
      topReferrers: counts,
    },
  },
} as const;

export const HIT_PROPERTIES = {
  id: keyword,
  site: keyword,
  visitor: keyword,
  session: keyword,
  profileId: keyword,
  score: { type: 'double' },
  threshold: { type: 'double' },
  outcome: keyword,
  reason: keyword,
  messageId: keyword,
  eventId: keyword,
  eventTs: epochMillis,
  receivedAt: epochMillis,
  firedAt: epochMillis,
} as const;

export const ALERT_PROPERTIES = {
  id: keyword,
  site: keyword,
  ruleId: keyword,
  state: keyword,
  metric: keyword,
  // The condition is kept in _source for display.
  condition: { type: 'object', enabled: false },
  value: { type: 'double' },
  base: { type: 'double' },
  firedAt: epochMillis,
  resolvedAt: epochMillis,
  at: epochMillis,
} as const;

export const DELIVERY_PROPERTIES = {
  id: keyword,
  alertId: keyword,
  site: keyword,
  ruleId: keyword,
  state: keyword,
  channelId: keyword,
  channelType: keyword,
  attempt: integer,
  ok: bool,
  status: integer,
  durationMs: long,
  at: epochMillis,
} as const;

export const SESSION_PROPERTIES = {
  id: keyword,
  site: keyword,
  visitor: keyword,
  trackerSession: keyword,
  partition: integer,
  startOffset: long,
  startEvent: keyword,
  lastOffset: long,
  start: epochMillis,
  end: epochMillis,
  lastSeen: epochMillis,
  events: integer,
  pageviews: integer,
  entryPath: longKeyword,
  exitPath: longKeyword,
  referrer: longKeyword,
  referrerHost: keyword,
  channel: keyword,
  utm: UTM_MAPPING,
  device: keyword,
  browser: keyword,
  os: keyword,
  country: keyword,
  ip: { type: 'ip' },
  purchases: integer,
  // Kept in _source for display; revenue is summed from windows.
  revenue: { type: 'object', enabled: false },
  activeMs: long,
  status: keyword,
  endedAt: epochMillis,
  endWindow: epochMillis,
  bounce: bool,
  durationMs: long,
} as const;

/** Creates or updates the template of a results index: explicit fields only, refreshed each second. */
export async function putResultsTemplate(
  client: Client,
  config: Pick<ElasticsearchConfig, 'shards' | 'replicas'>,
  template: { name: string; pattern: string; properties: Record<string, estypes.MappingProperty> },
): Promise<void> {
  await client.indices.putIndexTemplate({
    name: template.name,
    index_patterns: [template.pattern],
    priority: 200,
    template: {
      settings: {
        number_of_shards: config.shards,
        number_of_replicas: config.replicas,
        refresh_interval: '1s',
      },
      mappings: { dynamic: false, properties: template.properties },
    },
  });
}
