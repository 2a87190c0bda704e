import { CONTRACT_VERSION, type ClientEvent, type CollectedEvent } from '@sightline/contract';
import { anonymiseIp } from './anonymise-ip.js';
import { classifyChannel } from './channel.js';
import { correctTimestamp } from './clock-skew.js';
import { derivedIds } from './derived-ids.js';
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
}

export interface Enricher {
  /** Adds the server-side fields to every event of one request. */
  enrich(events: ClientEvent[], request: RequestFacts): CollectedEvent[];
}

const pathOf = (url: string) => {
  try {
    return new URL(url).pathname;
  } catch {
    return '/';
  }
};

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
      const ids = request.cookieless
        ? derivedIds(
            options.secret,
            request.site,
            request.ip,
            request.userAgent,
            request.receivedAt,
          )
        : undefined;
      return events.map((event) => {
        const { channel, referrerHost, utm } = classifyChannel(event.url, event.referrer);
        return {
          ...event,
          ...ids,
          path: (event.path ?? pathOf(event.url)).slice(0, 1024),
          ts: correctTimestamp(event.ts, request.sentAt, request.receivedAt),
          v: CONTRACT_VERSION,
          site: request.site,
          receivedAt: request.receivedAt,
          clientTs: event.ts,
          personalisation: request.personalisation,
          ...agent,
          channel,
          ...(referrerHost ? { referrerHost } : {}),
          ...(utm ? { utm } : {}),
          ...(country ? { country } : {}),
          ...(ip ? { ip } : {}),
        };
      });
    },
  };
}
