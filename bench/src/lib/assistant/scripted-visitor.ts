import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { ScriptedVisit, Step } from './corpus.js';

export const ORIGIN = 'https://www.aui.example';

/** A message the visit's pages were sent, when, on which page, and after which of our events. */
export interface Received {
  id: string;
  profileId: string;
  page: string | undefined;
  /** The page view whose socket received it. */
  onPage: string;
  /** The type of the latest event sent on its page before it came (the one that completed). */
  after: string;
  /** ms from sending that event to the message arriving. */
  latencyMs: number;
}

export interface VisitOutcome {
  visit: ScriptedVisit;
  received: Received[];
  errors: string[];
}

interface Tab {
  id: string;
  page: string;
  path: string;
  socket?: WebSocket;
  sent: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Plays a scripted visit against ingest as the tracker does: a page view goes over HTTP at once
 * and the page's socket opens right after (named after the page view), later events of the page
 * go over the socket; a page view in a tab closes that tab's previous socket. Records every
 * assistance message the pages receive.
 */
export async function playVisit(
  ingest: string,
  site: string,
  visit: ScriptedVisit,
): Promise<VisitOutcome> {
  const visitor = `pr-${randomUUID().slice(0, 12)}`;
  let session = `s-${randomUUID().slice(0, 8)}`;
  const tabs = new Map<number, Tab>();
  const lastSentOnPage = new Map<string, { at: number; type: string }>();
  const received: Received[] = [];
  const errors: string[] = [];
  const headers = { origin: ORIGIN, 'user-agent': visit.userAgent };

  const envelope = (tab: Tab, type: string, extra: object) => ({
    id: randomUUID(),
    type,
    visitor,
    session,
    page: tab.page,
    tab: tab.id,
    ts: Date.now(),
    url: `${ORIGIN}${tab.path}`,
    ...extra,
  });
  const batch = (events: object[]) => ({
    site,
    personalisation: true,
    sentAt: Date.now(),
    events,
  });
  const post = async (events: object[]) => {
    const response = await fetch(`${ingest}/api/collect`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/plain' },
      body: JSON.stringify(batch(events)),
    });
    if (response.status !== 200) errors.push(`collect answered ${response.status}`);
  };
  const send = async (tab: Tab, event: { page: string; type: string }) => {
    lastSentOnPage.set(event.page, { at: performance.now(), type: event.type });
    if (tab.socket?.readyState === WebSocket.OPEN)
      tab.socket.send(JSON.stringify({ t: 'batch', n: ++tab.sent, ...batch([event]) }));
    else await post([event]);
  };
  const connect = (tab: Tab) => {
    const socket = new WebSocket(
      `${ingest.replace(/^http/, 'ws')}/ws?site=${site}&visitor=${visitor}&page=${tab.page}`,
      { headers },
    );
    const { page } = tab;
    socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as {
        t: string;
        id?: string;
        profileId?: string;
        page?: string;
      };
      if (frame.t !== 'assistance') return;
      const last = lastSentOnPage.get(frame.page ?? page);
      received.push({
        id: frame.id!,
        profileId: frame.profileId!,
        page: frame.page,
        onPage: page,
        after: last?.type ?? 'unknown',
        latencyMs: performance.now() - (last?.at ?? performance.now()),
      });
    });
    socket.on('error', (error) => errors.push(`socket: ${error.message}`));
    tab.socket = socket;
    tab.sent = 0;
  };

  const run = async (step: Step) => {
    const { action } = step;
    if (action.kind === 'new-visit') {
      session = `s-${randomUUID().slice(0, 8)}`;
      return;
    }
    let tab = tabs.get(step.tab);
    if (action.kind === 'open') {
      tab?.socket?.close();
      tab = {
        id: tab?.id ?? `t-${randomUUID().slice(0, 8)}`,
        page: randomUUID(),
        path: action.path,
        sent: 0,
      };
      tabs.set(step.tab, tab);
      await send(tab, envelope(tab, 'pageview', {}));
      connect(tab);
      return;
    }
    if (!tab) throw new Error(`${visit.name}: an event before any page in tab ${step.tab}`);
    if (action.kind === 'scroll')
      await send(
        tab,
        envelope(tab, 'scroll', {
          depth: action.depth,
          direction: action.reversals && action.reversals % 2 === 1 ? 'up' : 'down',
          ...(action.reversals ? { reversals: action.reversals } : {}),
        }),
      );
    else
      await send(
        tab,
        envelope(tab, 'heartbeat', { visibleMs: action.activeMs, activeMs: action.activeMs }),
      );
  };

  for (const step of visit.steps) {
    await sleep(step.afterMs);
    await run(step).catch((error: unknown) => errors.push(String(error)));
  }
  // Whatever was still to come has come.
  await sleep(3_000);
  for (const tab of tabs.values()) tab.socket?.close();
  return { visit, received, errors };
}
