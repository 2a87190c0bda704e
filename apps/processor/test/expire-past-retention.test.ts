import type { RetentionCutoffs, RetentionPlan } from '@sightline/contract';
import { createLogger, createMetrics } from '@sightline/observability';
import { describe, expect, it } from 'vitest';
import {
  DEAD_LETTER_DAYS,
  startRetention,
  type RetentionDeps,
} from '../src/retention/expire-past-retention.js';
import { createRetentionMetrics } from '../src/retention/retention-metrics.js';
import { siteConfigOf } from '../../../test/stores/retention-contract.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 15, 30);
const TODAY = Date.UTC(2026, 11, 7);

/** Stores that record the cutoffs they were asked to apply. */
function recordingStores(failing: string[] = []) {
  const calls: Record<string, RetentionCutoffs | RetentionPlan> = {};
  const store = (name: string) => ({
    expire: (cutoffs: never) => {
      calls[name] = cutoffs;
      return failing.includes(name) ? Promise.reject(new Error('down')) : Promise.resolve(7);
    },
  });
  return {
    calls,
    stores: {
      events: store('events'),
      sessions: store('sessions'),
      hits: store('hits'),
      windows: store('windows'),
      metrics: store('metrics'),
      deadLetters: store('deadLetters'),
    },
  };
}

function start(deps: Partial<RetentionDeps> & Pick<RetentionDeps, 'stores'>) {
  return startRetention({
    sites: () => [
      siteConfigOf('short', { eventsDays: 7, aggregatesMonths: 2 }),
      siteConfigOf('plain'),
    ],
    settings: { eventsDays: 395, aggregatesMonths: 25, sweepMs: 3_600_000 },
    logger: createLogger('retention-test', 'silent'),
    metrics: createRetentionMetrics(createMetrics('processor')),
    leading: () => true,
    now: () => NOW,
    ...deps,
  });
}

describe('the retention sweep', () => {
  it('gives every store its site’s cutoffs: whole UTC days of events, whole months of aggregates', async () => {
    const { calls, stores } = recordingStores();
    const retention = start({ stores });
    const deleted = await retention.sweep();
    retention.close();

    expect(deleted).toEqual({
      events: 7,
      sessions: 7,
      hits: 7,
      windows: 7,
      metrics: 7,
      deadLetters: 7,
    });
    const events = calls.events as RetentionCutoffs;
    expect(events.others).toBe(TODAY - 395 * DAY);
    expect(Object.fromEntries(events.sites)).toEqual({
      short: TODAY - 7 * DAY,
      plain: TODAY - 395 * DAY,
    });
    expect(calls.sessions).toEqual(events);
    expect(calls.hits).toEqual(events);
    const aggregates = calls.windows as RetentionCutoffs;
    expect(aggregates.others).toBe(Date.UTC(2024, 10, 1));
    expect(Object.fromEntries(aggregates.sites)).toEqual({
      short: Date.UTC(2026, 9, 1),
      plain: Date.UTC(2024, 10, 1),
    });
    expect(calls.metrics).toEqual({ events, aggregates });
  });

  it('keeps dead letters a month at most, and never past their site’s events', async () => {
    const { calls, stores } = recordingStores();
    const retention = start({ stores });
    await retention.sweep();
    retention.close();
    const letters = calls.deadLetters as RetentionCutoffs;
    const monthAgo = NOW - DEAD_LETTER_DAYS * DAY;
    expect(letters.others).toBe(monthAgo);
    expect(Object.fromEntries(letters.sites)).toEqual({
      short: TODAY - 7 * DAY,
      plain: monthAgo,
    });
  });

  it('goes on with the other stores when one fails, and says which', async () => {
    const { stores } = recordingStores(['sessions', 'windows']);
    const registry = createMetrics('processor');
    const retention = start({ stores, metrics: createRetentionMetrics(registry) });
    const deleted = await retention.sweep();
    retention.close();
    expect(Object.keys(deleted).sort()).toEqual(['deadLetters', 'events', 'hits', 'metrics']);
    const text = await registry.metrics();
    expect(text).toContain(
      'sightline_retention_failures_total{store="sessions",service="processor"} 1',
    );
    expect(text).toContain(
      'sightline_retention_failures_total{store="windows",service="processor"} 1',
    );
    expect(text).toContain(
      'sightline_retention_deleted_total{store="events",service="processor"} 7',
    );
  });

  it('runs one sweep at a time', async () => {
    let release!: () => void;
    let started = 0;
    const slow = {
      expire: () => {
        started += 1;
        return new Promise<number>((resolve) => (release = () => resolve(1)));
      },
    };
    const { stores } = recordingStores();
    const retention = start({ stores: { ...stores, events: slow } });
    const first = retention.sweep();
    const second = retention.sweep();
    expect(second).toBe(first);
    release();
    await first;
    retention.close();
    expect(started).toBe(1);
  });
});
