import { randomUUID } from 'node:crypto';
import type { ClientEvent } from '@sightline/contract';
import type { Visitor } from '../population/visitor-pool.js';
import type { EventBody, PlannedPage, VisitPlan } from './visit-plan.js';

const shortId = (prefix: string, length: number) =>
  `${prefix}${randomUUID().replaceAll('-', '').slice(0, length)}`;

/** One page as it is shown: its page-view id and the order of its events so far. */
export interface ShownPage {
  page: PlannedPage;
  id: string;
  seq: number;
}

export const newSession = (): string => shortId('s', 20);
export const showPage = (page: PlannedPage): ShownPage => ({ page, id: shortId('p', 16), seq: 0 });

/** An event as the tracker sends it: the body with the envelope of its page and visitor. */
export function stampEvent(
  visitor: Visitor,
  session: string,
  shown: ShownPage,
  body: EventBody,
  ts: number,
): ClientEvent {
  const { page } = shown;
  return {
    ...body,
    id: randomUUID(),
    visitor: visitor.id,
    session,
    page: shown.id,
    ts,
    seq: shown.seq++,
    url: page.url,
    ...(page.referrer ? { referrer: page.referrer } : {}),
    title: page.title,
    lang: visitor.lang,
    tz: visitor.tz,
    screen: visitor.device.screen,
    viewport: visitor.device.viewport,
  };
}

/** Every event of a visit that starts at `startAt`, with the times it would have happened. */
export function visitEvents(plan: VisitPlan, startAt: number): ClientEvent[] {
  const session = newSession();
  const events: ClientEvent[] = [];
  let opened = startAt;
  for (const page of plan.pages) {
    const shown = showPage(page);
    for (const { at, body } of page.events)
      events.push(stampEvent(plan.visitor, session, shown, body, opened + at));
    opened += page.dwellMs;
  }
  return events;
}
