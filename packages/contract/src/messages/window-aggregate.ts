import { z } from 'zod';
import { epochMs, siteKey } from '../primitives.js';
import { CONTRACT_VERSION } from '../version.js';

/** Length of the processor's tumbling windows. */
export const WINDOW_MS = 10_000;

const count = z.int().min(0);
const ranked = z.array(z.object({ key: z.string().max(1_024), count }));

/**
 * What the processor computed for one site, one 10-second window and one partition of the
 * events topic. A visitor's events all go to one partition, so summing the partitions of a
 * window gives exact totals — distinct visitors included.
 */
export const windowMetrics = z.object({
  /** Events of visitors (bots left out), and bot events apart. */
  events: count,
  bots: count,
  /** Events by type. */
  types: z.record(z.string(), count),
  pageviews: count,
  /** Distinct visitors with an event in the window. */
  visitors: count,
  /** Distinct visitors whose first visit ever started in the window. */
  newVisitors: count,
  sessionsStarted: count,
  /** Sessions that ended (inactivity timeout) in the window, their bounces and durations. */
  sessionsEnded: count,
  bounces: count,
  sessionMsSum: count,
  /** Page views that scrolled, the sum of their deepest scroll (%), and how many reached each quarter. */
  scrolledPageviews: count,
  scrollDepthSum: count,
  scrollReached: z.object({ 25: count, 50: count, 75: count, 100: count }),
  /** Engaged and visible time reported by heartbeats. */
  activeMs: count,
  visibleMs: count,
  /** Distinct orders and their revenue by currency. */
  purchases: count,
  revenue: z.record(z.string(), z.number().min(0)),
  /**
   * Page views by path, by referrer host (other sites), and counts by channel, device, browser,
   * country, operating system and UTM source and campaign.
   */
  topPaths: ranked,
  topReferrers: ranked,
  channels: z.record(z.string(), count),
  devices: z.record(z.string(), count),
  browsers: z.record(z.string(), count),
  countries: z.record(z.string(), count),
  // Absent from windows written before these were counted.
  os: z.record(z.string(), count).default({}),
  utmSources: z.record(z.string(), count).default({}),
  utmCampaigns: z.record(z.string(), count).default({}),
  /** Events by page path and type, for the (at most 100) paths with the most events. */
  pathTypes: z.record(z.string(), z.record(z.string(), count)).default({}),
});

export type WindowMetrics = z.infer<typeof windowMetrics>;

/** A message of the `aggregates` topic: a window's state, partial (still open) or final. */
export const windowAggregate = z.object({
  v: z.literal(CONTRACT_VERSION),
  site: siteKey,
  /** Window start, epoch ms (a multiple of WINDOW_MS). */
  start: epochMs,
  partition: z.int().min(0),
  /** False while the window may still change (events within the allowed lateness). */
  final: z.boolean(),
  metrics: windowMetrics,
  /** Distinct visitors of this site and partition active in the last 5 minutes (of ingest time). */
  activeVisitors: count,
  /** Ingest time up to which this partition has been read. */
  watermark: epochMs,
});

export type WindowAggregate = z.infer<typeof windowAggregate>;

/** The metrics of a window nothing happened in. */
export function emptyWindowMetrics(): WindowMetrics {
  return {
    events: 0,
    bots: 0,
    types: {},
    pageviews: 0,
    visitors: 0,
    newVisitors: 0,
    sessionsStarted: 0,
    sessionsEnded: 0,
    bounces: 0,
    sessionMsSum: 0,
    scrolledPageviews: 0,
    scrollDepthSum: 0,
    scrollReached: { 25: 0, 50: 0, 75: 0, 100: 0 },
    activeMs: 0,
    visibleMs: 0,
    purchases: 0,
    revenue: {},
    topPaths: [],
    topReferrers: [],
    channels: {},
    devices: {},
    browsers: {},
    countries: {},
    os: {},
    utmSources: {},
    utmCampaigns: {},
    pathTypes: {},
  };
}
