import type { Bus, OutgoingMessage } from '@sightline/ports';
import { BusOverloadedError, BusUnavailableError } from '@sightline/bus';
import { originAllowed, type Sites } from '@sightline/config-store';
import {
  collectRequest,
  joinEventsMessage,
  formatIssues,
  LIMITS,
  validateEvents,
  type CollectedEvent,
} from '@sightline/contract';
import type { Enricher } from '@sightline/enrichment';
import { eventTimeRefusal } from './event-time-refusal.js';
import type { IngestMetrics } from '../metrics.js';
import { refuse, type CollectOutcome } from './outcome.js';
import type { RateLimits } from './rate-limits.js';

/** Well under Kafka's default 1 MB message limit. */
const MESSAGE_CHARS = 256 * 1024;

/**
 * One message per visitor of the request (a tracker batch has one visitor, so usually one
 * message), keyed "site:visitor" so a visitor's events stay in order on one partition; a
 * visitor's events beyond the size cap go on in further messages.
 */
function toMessages(site: string, events: CollectedEvent[]): OutgoingMessage[] {
  const byVisitor = new Map<string, CollectedEvent[]>();
  for (const event of events) {
    const group = byVisitor.get(event.visitor);
    if (group) group.push(event);
    else byVisitor.set(event.visitor, [event]);
  }
  const messages: OutgoingMessage[] = [];
  for (const [visitor, group] of byVisitor) {
    let chunk: string[] = [];
    let size = 0;
    const flush = () => {
      messages.push({
        key: `${site}:${visitor}`,
        value: joinEventsMessage(chunk),
        timestamp: group[0]!.receivedAt,
      });
      chunk = [];
      size = 0;
    };
    for (const event of group) {
      const json = JSON.stringify(event);
      if (size + json.length > MESSAGE_CHARS && chunk.length > 0) flush();
      chunk.push(json);
      size += json.length + 1;
    }
    flush();
  }
  return messages;
}

export interface CollectDeps {
  sites: Sites;
  bus: Bus;
  eventsTopic: string;
  enricher: Enricher;
  limits: RateLimits;
  metrics: IngestMetrics;
}

export interface CollectInput {
  /** The parsed request body (JSON); its shape is checked here. */
  body: unknown;
  /** Its size in bytes, when known (Content-Length, frame size). */
  bodyBytes?: number;
  /** Origin of the page that sent it (Origin header, or the origin of the Referer). */
  origin: string | undefined;
  ip: string;
  userAgent: string;
  receivedAt: number;
}

/**
 * The whole collect path, shared by HTTP, the pixel and the WebSocket: check the batch, the site
 * and the origin, apply the rate limits, validate each event, enrich the valid ones and put them
 * on the bus. Acknowledged (200) only once the bus has every accepted event.
 */
export async function collectBatch(
  input: CollectInput,
  deps: CollectDeps,
): Promise<CollectOutcome> {
  const count = (input.body as { events?: unknown } | null)?.events;
  if (Array.isArray(count) && count.length > LIMITS.batchEvents) {
    return refuse(
      413,
      'too_many_events',
      `a batch holds at most ${LIMITS.batchEvents} events (got ${count.length})`,
    );
  }
  const batch = collectRequest.safeParse(input.body);
  if (!batch.success) {
    return refuse(400, 'invalid_batch', 'expected { site, events: [...] }', {
      issues: formatIssues(batch.error),
    });
  }
  const { site: siteKey, events: rawEvents, sentAt, cookieless, personalisation } = batch.data;

  const site = deps.sites.get(siteKey);
  if (!site) return refuse(401, 'unknown_site', `no site has the key "${siteKey}"`);
  if (input.origin && !originAllowed(site, input.origin)) {
    return refuse(403, 'origin_not_allowed', `${input.origin} may not send events for this site`);
  }
  const wait = await deps.limits.take(input.ip, siteKey, rawEvents.length);
  if (wait !== undefined) {
    deps.metrics.rateLimited.inc();
    return refuse(429, 'rate_limited', 'too many requests; retry later', { retryAfter: wait });
  }

  const { accepted, rejected } = validateEvents(rawEvents, input.bodyBytes, (event) =>
    eventTimeRefusal(event.ts, sentAt, input.receivedAt),
  );
  for (const rejection of rejected) deps.metrics.rejected.inc({ reason: rejection.reason });
  if (accepted.length === 0) {
    return rejected.every((r) => r.reason === 'event_too_large')
      ? refuse(413, 'events_too_large', `each event holds at most ${LIMITS.eventBytes} bytes`, {
          rejected,
        })
      : refuse(400, 'no_valid_events', 'no event of the batch is valid', { rejected });
  }

  const collected = deps.enricher.enrich(accepted, {
    site: siteKey,
    ip: input.ip,
    userAgent: input.userAgent,
    receivedAt: input.receivedAt,
    ...(sentAt === undefined ? {} : { sentAt }),
    cookieless: cookieless ?? false,
    personalisation: personalisation ?? true,
    ...(site.scrubParams ? { scrubParams: site.scrubParams } : {}),
  });

  const started = performance.now();
  try {
    await deps.bus.publish(deps.eventsTopic, toMessages(siteKey, collected));
  } catch (error) {
    if (error instanceof BusOverloadedError) {
      deps.metrics.unavailable.inc({ reason: 'overloaded' });
      return refuse(503, 'overloaded', 'ingest is at capacity; retry shortly', { retryAfter: 1 });
    }
    if (error instanceof BusUnavailableError) {
      deps.metrics.unavailable.inc({ reason: 'bus_unavailable' });
      return refuse(503, 'bus_unavailable', 'events cannot be stored right now; retry later', {
        retryAfter: 5,
      });
    }
    throw error;
  }
  deps.metrics.produceSeconds.observe((performance.now() - started) / 1_000);
  deps.metrics.accepted.inc(collected.length);
  const bots = collected.filter((event) => event.bot).length;
  if (bots > 0) deps.metrics.bots.inc(bots);
  return {
    status: 200,
    body: { accepted: collected.length, rejected },
    visitors: [...new Set(collected.map((event) => event.visitor))],
  };
}
