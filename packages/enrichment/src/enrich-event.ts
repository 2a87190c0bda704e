import { CONTRACT_VERSION, type ClientEvent, type CollectedEvent } from '@sightline/contract';
import { anonymiseIp } from './anonymise-ip.js';
import { cachedChannel } from './channel.js';
import { correctTimestamp, MAX_EVENT_AGE_MS } from './clock-skew.js';
import { derivedIds } from './derived-ids.js';
import { denySet, scrubEventUrls } from './scrub-url.js';
import { userAgentFacts } from './user-agent.js';

/** What ingest knows about the request that carried a batch. */
export interface RequestFacts {
  site: string;
  ip: string;
  userAgent: string;
  receivedAt: number;
  sentAt?: number;
  cookieless: boolean;
  personalisation: boolean;
  /** The site's own query parameters never stored (see scrubUrl). */
  scrubParams?: readonly string[];
}

export interface Enricher {
  /**
   * Adds the server-side fields to every event of one request. The events are the validator's
   * own copies, so they are completed in place (the hot path allocates as little as it can).
   */
  enrich(events: ClientEvent[], request: RequestFacts): CollectedEvent[];
}

type Mutable = Record<string, unknown> & ClientEvent;

export function createEnricher(options: {
  secret: string;
  country: (ip: string) => string | undefined;
}): Enricher {
  return {
    enrich(events, request) {
      // Facts of the request, computed once for all its events.
      const agent = userAgentFacts(request.userAgent);
      const country = options.country(request.ip);
      const ip = anonymiseIp(request.ip);
      const deny = denySet(request.scrubParams);
      const ids = request.cookieless
        ? derivedIds(
            options.secret,
            request.site,
            request.ip,
            request.userAgent,
            request.receivedAt,
          )
        : undefined;
      for (const event of events as Mutable[]) {
        // Before anything reads them: what is not kept is not derived from either.
        scrubEventUrls(event, deny);
        const { channel, referrerHost, utm, path } = cachedChannel(event.url, event.referrer);
        if (ids) {
          event.visitor = ids.visitor;
          event.session = ids.session;
        }
        event.path = (event.path ?? path ?? '/').slice(0, 1024);
        event.clientTs = event.ts;
        // The collect path refuses events it cannot place in time; any other caller gets the
        // oldest time allowed rather than one no store takes.
        event.ts =
          correctTimestamp(event.ts, request.sentAt, request.receivedAt) ??
          request.receivedAt - MAX_EVENT_AGE_MS;
        event.v = CONTRACT_VERSION;
        event.site = request.site;
        event.receivedAt = request.receivedAt;
        event.personalisation = request.personalisation;
        if (agent.browser) event.browser = agent.browser;
        if (agent.browserVersion) event.browserVersion = agent.browserVersion;
        if (agent.os) event.os = agent.os;
        if (agent.osVersion) event.osVersion = agent.osVersion;
        event.device = agent.device;
        event.bot = agent.bot;
        event.channel = channel;
        if (referrerHost) event.referrerHost = referrerHost;
        if (utm) event.utm = utm;
        if (country) event.country = country;
        if (ip) event.ip = ip;
      }
      return events as unknown as CollectedEvent[];
    },
  };
}
