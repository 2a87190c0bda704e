import type { RetentionConfig } from '@sightline/config';
import {
  retentionPlan,
  type RetentionCutoffs,
  type RetentionPlan,
  type SiteConfig,
} from '@sightline/contract';
import type { Logger } from '@sightline/observability';
import type { RetentionStores } from './ports.js';
import type { RetentionMetrics } from './retention-metrics.js';

/** Dead letters are kept a month at most (as on their topic), never past their site's events. */
export const DEAD_LETTER_DAYS = 30;
const DAY_MS = 86_400_000;

export interface RetentionDeps {
  stores: RetentionStores;
  /** The sites configured now (those not listed go by the defaults). */
  sites: () => readonly SiteConfig[];
  settings: RetentionConfig;
  logger: Logger;
  metrics: RetentionMetrics;
  /** Whether this copy is the one that sweeps (one of the group at a time). */
  leading: () => boolean;
  now?: () => number;
}

export interface Retention {
  /** Deletes what is past retention now; resolves with the records deleted by store. */
  sweep: () => Promise<Record<string, number>>;
  close: () => void;
}

/** The dead letters' cutoffs: a site's events cutoff, or a month ago if that is later. */
function deadLetterCutoffs(events: RetentionCutoffs, now: number): RetentionCutoffs {
  const monthAgo = now - DEAD_LETTER_DAYS * DAY_MS;
  return {
    others: Math.max(events.others, monthAgo),
    sites: new Map([...events.sites].map(([site, cutoff]) => [site, Math.max(cutoff, monthAgo)])),
  };
}

/**
 * Deletes, every `sweepMs`, what each site keeps no longer: raw events, visits, profile hits and
 * dead letters after its events retention, the 10-second aggregates after its aggregates
 * retention. One copy of the processor group sweeps; deletes are idempotent, so a sweep cut short
 * (or run twice around a change of leader) is finished by the next. A store that fails is logged
 * and tried again next time, without holding the others back.
 */
export function startRetention(deps: RetentionDeps): Retention {
  const { stores, logger, metrics } = deps;
  const now = deps.now ?? Date.now;
  let running: Promise<Record<string, number>> | undefined;

  const steps = (
    plan: RetentionPlan,
    at: number,
  ): [string, (() => Promise<number>) | undefined][] => [
    ['events', () => stores.events.expire(plan.events)],
    ['sessions', () => stores.sessions.expire(plan.events)],
    ['hits', () => stores.hits.expire(plan.events)],
    ['windows', () => stores.windows.expire(plan.aggregates)],
    ['metrics', () => stores.metrics.expire(plan)],
    [
      'deadLetters',
      stores.deadLetters?.expire &&
        (() => stores.deadLetters!.expire!(deadLetterCutoffs(plan.events, at))),
    ],
  ];

  async function sweepOnce(): Promise<Record<string, number>> {
    const at = now();
    const plan = retentionPlan(deps.sites(), deps.settings, at);
    const deleted: Record<string, number> = {};
    for (const [store, expire] of steps(plan, at)) {
      if (!expire) continue;
      try {
        deleted[store] = await expire();
        metrics.deleted.inc({ store }, deleted[store]);
      } catch (error) {
        metrics.failures.inc({ store });
        logger.warn({ err: String(error), store }, 'retention sweep failed; will try again');
      }
    }
    metrics.lastSweep.set(Date.now() / 1_000);
    logger.info({ deleted }, 'retention sweep done');
    return deleted;
  }

  const sweep = () => {
    // One sweep at a time: a slow one is not stacked on.
    running ??= sweepOnce().finally(() => (running = undefined));
    return running;
  };
  const tick = () => {
    if (deps.leading()) void sweep();
  };
  // The first a minute after start, off the busy start-up; then every sweepMs.
  const first = setTimeout(tick, Math.min(60_000, deps.settings.sweepMs));
  const timer = setInterval(tick, deps.settings.sweepMs);
  first.unref();
  timer.unref();
  return {
    sweep,
    close: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
