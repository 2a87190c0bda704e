import type { ClientEvent } from '@sightline/contract';
import { setMaxListeners } from 'node:events';
import { VisitorPool } from '../population/visitor-pool.js';
import { seededRandom, weighted, type Random } from '../random.js';
import type { SendOutcome } from '../send/sender.js';
import type { Assistance } from '../send/socket-client.js';
import { SHOP_ORIGIN } from '../sites/shop-catalogue.js';
import { UNIVERSITY_ORIGIN } from '../sites/university-pages.js';
import { planShopVisit } from '../visits/shop-visit.js';
import { planUniversityVisit } from '../visits/university-visit.js';
import type { VisitPlan } from '../visits/visit-plan.js';
import { dailyShape } from './daily-shape.js';
import { momentAt, type Scenario } from './scenario.js';
import { playVisit } from './play-visit.js';

export interface TrafficOptions {
  /** Ingest's base address, e.g. http://127.0.0.1:3001, or several: visits are spread over them. */
  ingestUrl: string | readonly string[];
  /** The site keys to send each audience as; an audience without a key gets no traffic. */
  sites: { shop?: string; university?: string };
  /** New visits per minute (before the time-of-day shape). */
  visitsPerMinute: number;
  /** Follow the time of day (quieter at night), or keep the rate flat (benchmarks). */
  dailyShape?: boolean;
  /** Share of visitors whose page keeps a WebSocket open (the rest send over HTTP only). */
  socketShare?: number;
  /** Time runs this many times faster than real time (1: real visits). */
  speed?: number;
  /** Stop after this long (ms); runs until stopped otherwise. */
  durationMs?: number;
  seed?: number;
  /** The shop's share of visits when both sites get traffic. */
  shopShare?: number;
  /** Newsletters and outages now and then (the demo's), or a steady day. */
  scenario?: Scenario;
  /** Told of each batch ingest acknowledged (tests check where its events went). */
  onSent?: (events: readonly ClientEvent[], outcome: SendOutcome) => void;
  /**
   * Told of each assistance message a visitor's page received; `visit` numbers the visits (a
   * returning visitor may have two open at once, like two tabs, and each page gets the message).
   */
  onAssistance?: (visit: number, visitor: string, message: Assistance) => void;
}

export interface TrafficStats {
  visitsStarted: number;
  visitsActive: number;
  eventsSent: number;
  eventsAccepted: number;
  eventsRejected: number;
  eventsFailed: number;
  assistanceReceived: number;
  lastError?: string;
}

export interface TrafficRun {
  readonly stats: TrafficStats;
  /** Resolves when the run is over (its duration passed, or stopped) and every visit ended. */
  readonly done: Promise<void>;
  /** Ends every visit now (the rest of their events is not sent). */
  stop(): Promise<void>;
}

/**
 * Visits arriving at random (a Poisson process at the chosen rate, shaped by the time of day),
 * each planned and then played in real time by its own visitor against ingest.
 */
export function startTraffic(options: TrafficOptions): TrafficRun {
  const random: Random = seededRandom(options.seed ?? Date.now());
  const speed = options.speed ?? 1;
  const controller = new AbortController();
  // Every visit waits on the signal: thousands at once are expected, not a leak.
  setMaxListeners(0, controller.signal);
  const stats: TrafficStats = {
    visitsStarted: 0,
    visitsActive: 0,
    eventsSent: 0,
    eventsAccepted: 0,
    eventsRejected: 0,
    eventsFailed: 0,
    assistanceReceived: 0,
  };
  const pools = {
    shop: new VisitorPool('shop', random),
    university: new VisitorPool('university', random),
  };
  const audiences = (['shop', 'university'] as const).filter((a) => options.sites[a]);
  if (audiences.length === 0) throw new Error('no site to send traffic to');
  const shopShare = options.shopShare ?? 0.7;
  const visits = new Set<Promise<void>>();
  const ingestUrls =
    typeof options.ingestUrl === 'string' ? [options.ingestUrl] : options.ingestUrl;
  if (ingestUrls.length === 0) throw new Error('no ingest address');

  const plan = (): VisitPlan => {
    const audience =
      audiences.length === 1
        ? audiences[0]!
        : weighted(random, [
            ['shop', shopShare],
            ['university', 1 - shopShare],
          ] as const);
    const visitor = pools[audience].visitor();
    return audience === 'shop'
      ? planShopVisit(
          random,
          visitor,
          options.scenario ? momentAt(Date.now(), options.scenario) : {},
        )
      : planUniversityVisit(random, visitor);
  };

  const begin = () => {
    const visit = plan();
    const number = stats.visitsStarted++;
    stats.visitsActive++;
    const playing = playVisit(visit, {
      // Each visit to one ingest, the others behind it when it cannot be reached.
      ingestUrls: ingestUrls.map((_, i) => ingestUrls[(i + number) % ingestUrls.length]!),
      site: options.sites[visit.audience]!,
      origin: visit.audience === 'shop' ? SHOP_ORIGIN : UNIVERSITY_ORIGIN,
      socket: random() < (options.socketShare ?? 0.5),
      speed,
      random,
      signal: controller.signal,
      onSent(outcome: SendOutcome, events: readonly ClientEvent[]) {
        options.onSent?.(events, outcome);
        stats.eventsSent += events.length;
        stats.eventsAccepted += outcome.accepted;
        stats.eventsRejected += outcome.rejected;
      },
      onFailed(error: unknown, events: readonly ClientEvent[]) {
        stats.eventsFailed += events.length;
        stats.lastError = error instanceof Error ? error.message : String(error);
      },
      onAssistance(message: Assistance) {
        options.onAssistance?.(number, visit.visitor.id, message);
        stats.assistanceReceived++;
      },
    }).finally(() => {
      stats.visitsActive--;
      visits.delete(playing);
    });
    visits.add(playing);
  };

  let timer: NodeJS.Timeout | undefined;
  const arrivals = new Promise<void>((resolve) => {
    const endAt = options.durationMs === undefined ? Infinity : Date.now() + options.durationMs;
    const next = () => {
      if (controller.signal.aborted || Date.now() >= endAt) return resolve();
      begin();
      const now = Date.now();
      const newsletter = options.scenario && momentAt(now, options.scenario).newsletter;
      const rate =
        (options.visitsPerMinute *
          speed *
          (options.dailyShape === false ? 1 : dailyShape(new Date(now))) *
          (newsletter ? options.scenario!.newsletterFactor : 1)) /
        60_000;
      // Exponential gaps: arrivals are independent, as real visitors' are.
      const gap = -Math.log(1 - random()) / rate;
      timer = setTimeout(next, Math.min(gap, endAt - Date.now()));
    };
    controller.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
    next();
  });
  const done = arrivals.then(async () => {
    while (visits.size > 0) await Promise.all([...visits]);
  });
  return {
    stats,
    done,
    async stop() {
      controller.abort();
      await done;
    },
  };
}
