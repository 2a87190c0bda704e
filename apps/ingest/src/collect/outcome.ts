import type { EventRejection } from '@sightline/contract';

/** The answer to a collect request, whichever way it came (HTTP, pixel, WebSocket). */
export type CollectOutcome =
  | {
      status: 200;
      body: { accepted: number; rejected: EventRejection[] };
      /** Visitor ids of the accepted events, as enriched (for the socket registry; not sent). */
      visitors: string[];
    }
  | {
      status: 400 | 401 | 403 | 413 | 429 | 503;
      body: {
        error: string;
        message: string;
        accepted?: 0;
        rejected?: EventRejection[];
        issues?: unknown;
      };
      /** Seconds, for 429 and 503. */
      retryAfter?: number;
    };

export const refuse = (
  status: 400 | 401 | 403 | 413 | 429 | 503,
  error: string,
  message: string,
  extra: { rejected?: EventRejection[]; issues?: unknown; retryAfter?: number } = {},
): CollectOutcome => {
  const { retryAfter, ...details } = extra;
  return {
    status,
    body: { error, message, ...(details.rejected ? { accepted: 0 as const } : {}), ...details },
    ...(retryAfter === undefined ? {} : { retryAfter }),
  };
};
