import { between, chance, type Random } from '../random.js';
import type { EventBody, PlannedEvent, PlannedPage } from './visit-plan.js';

/** Heartbeats while a page is visible, as the tracker sends them. */
const HEARTBEAT_MS = 15_000;

export interface Reading {
  url: string;
  title: string;
  referrer?: string;
  dwellMs: number;
  /** Deepest scroll, in % of the page. */
  depth: number;
  /** Times the visitor scrolls back up and down again (searching for something). */
  reversals?: number;
  /** Share of the visible time with input (pointer, keys, scroll). */
  activeShare?: number;
  /** The visitor's first page view ever on the site. */
  first?: boolean;
  clicks?: { tag: string; text?: string; href?: string }[];
  /** What else happens on the page (e-commerce, forms, media…), at their times. */
  extra?: PlannedEvent[];
}

/**
 * The events of reading one page: the page view, scroll milestones as the visitor goes down (and
 * reversals), clicks, heartbeats with visible and active time, and whatever else the page adds.
 */
export function readPage(random: Random, reading: Reading): PlannedPage {
  const { dwellMs } = reading;
  const events: PlannedEvent[] = [
    { at: 0, body: { type: 'pageview', ...(reading.first ? { first: true } : {}) } },
  ];
  const scrollSpan = dwellMs * 0.8;
  const milestones = ([25, 50, 75, 100] as const).filter((m) => m <= reading.depth);
  milestones.forEach((milestone, i) => {
    events.push({
      at: Math.round(((i + 1) / (milestones.length + 1)) * scrollSpan),
      body: { type: 'scroll', depth: milestone, milestone, direction: 'down' },
    });
  });
  for (let r = 1; r <= (reading.reversals ?? 0); r++) {
    events.push({
      at: Math.round(dwellMs * (0.1 + (0.85 * r) / (reading.reversals! + 1))),
      body: {
        type: 'scroll',
        depth: Math.max(reading.depth, 10),
        direction: r % 2 === 1 ? 'up' : 'down',
        reversals: r,
      },
    });
  }
  for (const click of reading.clicks ?? []) {
    events.push({
      at: between(random, 500, Math.max(600, dwellMs - 200)),
      body: {
        type: 'click',
        x: between(random, 40, 1200),
        y: between(random, 80, 2400),
        pageWidth: 1280,
        pageHeight: 3200,
        ...click,
      },
    });
  }
  events.push(...(reading.extra ?? []));
  const activeShare = reading.activeShare ?? 0.6;
  let shown = 0;
  while (shown < dwellMs) {
    const visibleMs = Math.min(HEARTBEAT_MS, dwellMs - shown);
    shown += visibleMs;
    const heartbeat: EventBody = {
      type: 'heartbeat',
      visibleMs,
      activeMs: Math.round(visibleMs * Math.min(1, activeShare * (0.8 + 0.4 * random()))),
    };
    events.push({ at: shown, body: heartbeat });
  }
  events.sort((a, b) => a.at - b.at);
  return {
    url: reading.url,
    title: reading.title,
    ...(reading.referrer ? { referrer: reading.referrer } : {}),
    dwellMs,
    events,
  };
}

/** A rare script error on a page, as the tracker reports uncaught errors. */
export function maybeError(
  random: Random,
  p: number,
  dwellMs: number,
  error: { message: string; source: string; line: number },
): PlannedEvent[] {
  if (!chance(random, p)) return [];
  return [
    {
      at: Math.round(dwellMs * 0.2),
      body: {
        type: 'js_error',
        message: error.message,
        source: error.source,
        line: error.line,
        column: between(random, 1, 80),
      },
    },
  ];
}
