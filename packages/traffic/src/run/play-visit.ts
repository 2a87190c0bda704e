import type { ClientEvent } from '@sightline/contract';
import { chance, type Random } from '../random.js';
import { postBatch } from '../send/collect-client.js';
import type { Client, SendOutcome } from '../send/sender.js';
import { VisitorSocket, type Assistance } from '../send/socket-client.js';
import { newSession, showPage, stampEvent, type ShownPage } from '../visits/stamp-event.js';
import type { EventBody, VisitPlan } from '../visits/visit-plan.js';

export interface PlayOptions {
  /** Ingest addresses: the first takes the visit, the others if it cannot be reached. */
  ingestUrls: readonly string[];
  /** The site key the plan's audience is sent as. */
  site: string;
  /** The site's origin (what a browser sends as Origin). */
  origin: string;
  /** Keep a WebSocket open for the visit (batches over it, assistance messages back). */
  socket: boolean;
  /** Time runs this many times faster than real time (dwell and gaps are divided by it). */
  speed: number;
  random: Random;
  signal: AbortSignal;
  onSent(outcome: SendOutcome, events: readonly ClientEvent[]): void;
  onFailed(error: unknown, events: readonly ClientEvent[]): void;
  onAssistance(message: Assistance): void;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });

/**
 * Plays a planned visit in real time (or faster): each page's events are sent when they happen,
 * those of the same moment in one batch, over the visitor's socket or else over HTTP. A message
 * from the assistant is shown, then clicked or dismissed, as a visitor would.
 */
export async function playVisit(plan: VisitPlan, options: PlayOptions): Promise<void> {
  const { visitor } = plan;
  const client: Client = {
    userAgent: visitor.device.userAgent,
    origin: options.origin,
    ip: visitor.ip,
  };
  const session = newSession();
  let current: ShownPage | undefined;
  const stamp = (body: EventBody): ClientEvent =>
    stampEvent(visitor, session, current!, body, Date.now());

  let socket: VisitorSocket | undefined;
  const send = async (events: ClientEvent[]) => {
    const batch = { site: options.site, events };
    try {
      let outcome: SendOutcome;
      try {
        if (!socket) throw new Error('no socket');
        outcome = await socket.send(batch);
      } catch {
        // As the tracker does: what the socket could not deliver goes over HTTP (same ids).
        outcome = await postBatch(options.ingestUrls, client, batch);
      }
      options.onSent(outcome, events);
    } catch (error) {
      options.onFailed(error, events);
    }
  };

  const answered = new Set<string>();
  const pending: Promise<void>[] = [];
  const onAssistance = (message: Assistance) => {
    options.onAssistance(message);
    if (!current || answered.has(message.id)) return;
    answered.add(message.id);
    const about = { messageId: message.id, profileId: message.profileId };
    pending.push(send([stamp({ type: 'assistance_shown', ...about })]));
    const reaction = chance(options.random, 0.35)
      ? ({ type: 'assistance_clicked', ...about } as const)
      : chance(options.random, 0.6)
        ? ({ type: 'assistance_dismissed', ...about } as const)
        : undefined;
    if (reaction)
      pending.push(
        sleep(3_000 / options.speed, options.signal).then(() =>
          current ? send([stamp(reaction)]) : undefined,
        ),
      );
  };

  if (options.socket && !visitor.bot)
    socket = new VisitorSocket(
      options.ingestUrls[0]!,
      options.site,
      visitor.id,
      client,
      onAssistance,
    );
  try {
    for (const page of plan.pages) {
      if (options.signal.aborted) break;
      current = showPage(page);
      const opened = Date.now();
      let i = 0;
      while (i < page.events.length && !options.signal.aborted) {
        const at = page.events[i]!.at;
        await sleep(opened + at / options.speed - Date.now(), options.signal);
        const due: ClientEvent[] = [];
        // What happens within the same second goes in one batch, as the tracker batches.
        while (i < page.events.length && page.events[i]!.at < at + 1_000)
          due.push(stamp(page.events[i++]!.body));
        await send(due);
      }
      await sleep(opened + page.dwellMs / options.speed - Date.now(), options.signal);
    }
    await Promise.all(pending);
  } finally {
    socket?.close();
  }
}
