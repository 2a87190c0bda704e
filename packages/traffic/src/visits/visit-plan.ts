import type { ClientEvent, Envelope } from '@sightline/contract';
import type { Visitor } from '../population/visitor-pool.js';

type WithoutEnvelope<T> = T extends unknown ? Omit<T, keyof Envelope> : never;

/** An event's own fields: the envelope (ids, time, page facts) is added when it is sent. */
export type EventBody = WithoutEnvelope<ClientEvent>;

export interface PlannedEvent {
  /** Milliseconds after the page opened. */
  at: number;
  body: EventBody;
}

/** One page of a visit: what is on it, how long the visitor stays, what they do there. */
export interface PlannedPage {
  url: string;
  title: string;
  /** The previous page, or where the visit came from on the first. */
  referrer?: string;
  dwellMs: number;
  /** In time order; the first is the page view at 0. */
  events: PlannedEvent[];
}

/** A whole visit, planned before it starts and then played in real time. */
export interface VisitPlan {
  /** Which generated site ("shop", "university"): the runner maps it to a site key. */
  audience: 'shop' | 'university';
  visitor: Visitor;
  pages: PlannedPage[];
}

export const eventCount = (plan: VisitPlan): number =>
  plan.pages.reduce((sum, page) => sum + page.events.length, 0);
