import type { CollectedEvent, WindowAggregate } from '@sightline/contract';
import { createCountryLookup, createEnricher } from '@sightline/enrichment';
import {
  dailyShape,
  planShopVisit,
  seededRandom,
  visitEvents,
  VisitorPool,
} from '@sightline/traffic';
import { PartitionState } from '@sightline/windowing';

const DAY = 86_400_000;

export interface HistoryChunk {
  /** Events in time order, enriched as ingest would (receivedAt = ts). */
  events: CollectedEvent[];
  /** Windows that became final with these events, as the processor computes them. */
  windows: WindowAggregate[];
}

/**
 * Simulated shop traffic (the demo's generator) over [from, end): `count` events at most, in
 * time order, visits starting with the time of day, enriched by ingest's own code, and their
 * 10-second windows computed by the processor's own logic (one partition). Yields chunks of about
 * `chunk` events; the last chunk holds every window left.
 */
export function* shopHistory(options: {
  site: string;
  from: number;
  end: number;
  count: number;
  seed: number;
  chunk?: number;
}): Generator<HistoryChunk> {
  const { site, from, end, count } = options;
  const chunk = options.chunk ?? 20_000;
  const random = seededRandom(options.seed);
  const pool = new VisitorPool('shop', random);
  const enricher = createEnricher({ secret: 'bench', country: createCountryLookup() });
  const state = new PartitionState(0, {
    allowedLatenessMs: 30_000,
    sessionTimeoutMs: 1_800_000,
    activeVisitorsMs: 300_000,
  });
  const visits = Math.ceil(count / 12);
  const span = end - from;
  let given = 0;
  let offset = 0;
  let pending: CollectedEvent[] = [];
  const take = (event: CollectedEvent) => {
    event.receivedAt = event.ts;
    state.apply(offset++, [event]);
    pending.push(event);
  };
  const next = (): HistoryChunk => {
    const result = state.flush();
    const events = pending;
    given += events.length;
    pending = [];
    return { events, windows: result.windows.filter((w) => w.final) };
  };
  // Visit starts over the span, more in the evening than at night (rejection sampling).
  const starts: number[] = [];
  while (starts.length < visits) {
    const t = from + random() * span;
    if (random() * 1.7 < dailyShape(new Date(t))) starts.push(t);
  }
  starts.sort((a, b) => a - b);
  const inFlight: CollectedEvent[] = [];
  for (const start of starts) {
    if (given + pending.length + inFlight.length >= count) break;
    const visitor = pool.visitor();
    const events = visitEvents(planShopVisit(random, visitor), Math.round(start));
    inFlight.push(
      ...enricher.enrich(events, {
        site,
        ip: visitor.ip,
        userAgent: visitor.device.userAgent,
        receivedAt: Math.round(start),
        cookieless: false,
        personalisation: true,
      }),
    );
    // Everything before this visit's start is final: hand it on in time order.
    inFlight.sort((a, b) => a.ts - b.ts);
    let ready = 0;
    while (ready < inFlight.length && inFlight[ready]!.ts <= start) ready++;
    for (const event of inFlight.splice(0, ready)) take(event);
    if (pending.length >= chunk) yield next();
  }
  for (const event of inFlight.splice(0).slice(0, Math.max(0, count - given - pending.length)))
    take(event);
  state.tick(offset++, end + DAY);
  const last = next();
  yield { events: last.events, windows: [...last.windows, ...state.flush().windows] };
}
