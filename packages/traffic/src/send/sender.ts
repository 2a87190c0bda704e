import type { ClientEvent } from '@sightline/contract';

/** What ingest said about a batch. */
export interface SendOutcome {
  accepted: number;
  rejected: number;
}

/** Who sends: the headers a browser would carry (ingest reads the client from them). */
export interface Client {
  userAgent: string;
  /** The page's origin, as a browser sends it. */
  origin: string;
  /** The visitor's address, passed as X-Forwarded-For (ingest uses it when it trusts proxies). */
  ip: string;
}

export interface Batch {
  site: string;
  events: ClientEvent[];
}

/** Sends a batch; resolves once ingest acknowledged it, rejects when it could not be sent. */
export type SendBatch = (batch: Batch) => Promise<SendOutcome>;
