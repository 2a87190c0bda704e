/**
 * Explicit mapping of every field of the event contract. Dynamic mapping is off: an unknown field
 * stays in _source but cannot change the index's mapping (no mapping explosions from clients).
 */
import {
  bool,
  double,
  epochMillis,
  integer,
  keyword,
  long,
  longKeyword,
  UTM_MAPPING,
} from './field-types.js';

const searchableText = {
  type: 'text',
  fields: { raw: { type: 'keyword', ignore_above: 512 } },
} as const;

export const EVENT_PROPERTIES = {
  // envelope
  id: keyword,
  type: keyword,
  visitor: keyword,
  session: keyword,
  page: keyword,
  tab: keyword,
  ts: epochMillis,
  seq: long,
  url: longKeyword,
  path: longKeyword,
  referrer: longKeyword,
  title: searchableText,
  lang: keyword,
  tz: keyword,
  screen: keyword,
  viewport: keyword,
  // enrichment
  v: integer,
  site: keyword,
  receivedAt: epochMillis,
  clientTs: epochMillis,
  browser: keyword,
  browserVersion: keyword,
  os: keyword,
  osVersion: keyword,
  device: keyword,
  bot: bool,
  personalisation: bool,
  referrerHost: keyword,
  channel: keyword,
  utm: UTM_MAPPING,
  country: keyword,
  ip: { type: 'ip' },
  // page view
  spa: bool,
  first: bool,
  // click
  x: integer,
  y: integer,
  pageWidth: integer,
  pageHeight: integer,
  tag: keyword,
  elementId: keyword,
  classes: keyword,
  text: searchableText,
  selector: keyword,
  href: longKeyword,
  // scroll
  depth: integer,
  milestone: integer,
  direction: keyword,
  reversals: integer,
  // form
  formId: keyword,
  formName: keyword,
  formAction: longKeyword,
  fields: integer,
  // cursor: kept for replay and heatmaps, not searched
  points: { type: 'long', index: false, doc_values: false },
  // media
  kind: keyword,
  src: longKeyword,
  mediaId: keyword,
  position: double,
  duration: double,
  // download
  extension: keyword,
  // image
  alt: keyword,
  width: integer,
  height: integer,
  // error
  message: searchableText,
  source: longKeyword,
  line: integer,
  column: integer,
  stack: { type: 'text' },
  // heartbeat
  visibleMs: long,
  activeMs: long,
  // custom event and identify: free-form, bounded by the contract
  name: keyword,
  props: { type: 'flattened' },
  userId: keyword,
  traits: { type: 'flattened' },
  // e-commerce
  items: {
    properties: {
      id: keyword,
      name: keyword,
      category: keyword,
      price: double,
      quantity: integer,
    },
  },
  value: double,
  currency: keyword,
  orderId: keyword,
  // assistance
  messageId: keyword,
  profileId: keyword,
  never: bool,
} as const;

/** Fields whose exact value lives in a `.raw` sub-field (they are analysed for full-text search). */
export const TEXT_FIELDS = new Set(
  Object.entries(EVENT_PROPERTIES)
    .filter(([, spec]) => 'type' in spec && spec.type === 'text' && 'fields' in spec)
    .map(([name]) => name),
);

/**
 * Fields the store adds to each event document, never part of an event (reads leave them out):
 * `storedAt`, when the store was given the event (the writer's clock), tells what reached the
 * store after a given moment, whatever the event's own times.
 */
export const STORAGE_PROPERTIES = { storedAt: epochMillis } as const;
export const STORAGE_FIELDS = Object.keys(STORAGE_PROPERTIES);

export function eventsTemplate(options: { pattern: string; shards: number; replicas: number }) {
  return {
    index_patterns: [options.pattern],
    priority: 200,
    template: {
      settings: {
        number_of_shards: options.shards,
        number_of_replicas: options.replicas,
        // Near-real-time search is enough for history; the live view comes from the bus.
        refresh_interval: '1s',
      },
      mappings: {
        dynamic: false as const,
        properties: { ...EVENT_PROPERTIES, ...STORAGE_PROPERTIES },
      },
    },
  };
}
