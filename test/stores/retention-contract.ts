import { randomUUID } from 'node:crypto';
import {
  emptyWindowMetrics,
  retentionPlan,
  type RetentionDefaults,
  type SiteConfig,
  type WindowAggregate,
} from '@sightline/contract';
import type {
  EventStore,
  HitStore,
  SessionStore,
  WindowStore,
  MetricsStore,
} from '@sightline/ports';
import { expect, it } from 'vitest';
import { pageview } from './event-store-contract.js';
import { profileHitFixture } from './hit-store-contract.js';
import { visitFixture } from './result-stores-contract.js';

export interface RetentionStores {
  events: EventStore;
  sessions: SessionStore;
  hits: HitStore;
  windows: WindowStore;
  metrics: MetricsStore;
  /** Makes what was written (and deleted) visible to queries. */
  refresh: () => Promise<void>;
}

const DAY = 86_400_000;
/** The clock of the first sweep: earlier than any other suite's data, which it must not touch. */
const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);
const DEFAULTS: RetentionDefaults = { eventsDays: 395, aggregatesMonths: 25 };

const windowAt = (site: string, start: number): WindowAggregate => ({
  v: 1,
  site,
  start,
  partition: 0,
  final: true,
  metrics: { ...emptyWindowMetrics(), events: 1, pageviews: 1, types: { pageview: 1 } },
  activeVisitors: 1,
  watermark: start + 10_000,
});

/** A site open to every origin, with its own retention or the defaults. */
export const siteConfigOf = (key: string, retention?: SiteConfig['retention']): SiteConfig => ({
  key,
  name: key,
  origins: ['*'],
  createdAt: 0,
  ...(retention ? { retention } : {}),
});

/** Writes one record of every kind per time, for a site; the times are days before NOW. */
async function writeAt(stores: RetentionStores, site: string, daysAgo: number[]) {
  const times = daysAgo.map((days) => NOW - days * DAY);
  await stores.events.append(
    times.map((ts) => pageview({ id: randomUUID(), site, ts, receivedAt: ts })),
  );
  await stores.sessions.writeSessions(
    times.map((start) =>
      visitFixture(`${site}-${start}`, 0, {
        site,
        start,
        end: start + 1_000,
        lastSeen: start + 1_000,
        endedAt: start + 31_000,
        endWindow: start + 30_000,
      }),
    ),
  );
  await stores.hits.writeHits(
    times.map((firedAt) => profileHitFixture(`v${firedAt}`, 'buyer', firedAt, site)),
  );
  const windows = times.map((start) => windowAt(site, Math.floor(start / 10_000) * 10_000));
  await stores.windows.writeWindows(windows);
  await stores.metrics.writeWindows(windows);
}

/** The days before NOW of each kind of record the stores still hold for a site. */
async function heldBy(stores: RetentionStores, site: string) {
  await stores.refresh();
  const range = { from: 0, to: NOW + 10_000 * DAY };
  const daysAgo = (time: number) => Math.floor((NOW - time) / DAY);
  const sorted = (times: number[]) => times.map(daysAgo).sort((a, b) => a - b);
  const [events, visits, hits, windows, points] = await Promise.all([
    stores.events.scan({ site, range, limit: 1_000 }),
    stores.sessions.sessions({ site, range, limit: 1_000 }),
    stores.hits.hits({ site, range, limit: 1_000 }),
    stores.windows.windows({ site, range }),
    stores.metrics.series({ site, range, stepMs: DAY, fields: ['pageviews'] }),
  ]);
  return {
    events: sorted(events.map((event) => event.ts)),
    visits: sorted(visits.map((visit) => visit.start)),
    hits: sorted(hits.map((hit) => hit.firedAt)),
    windows: sorted(windows.map((window) => window.start)),
    points: sorted(points.map((point) => point.time)),
  };
}

/** Every kind of record at the same days (windows are aligned down to 10 s: same day). */
const all = (...days: number[]) => {
  const sorted = [...days].sort((a, b) => a - b);
  return { events: sorted, visits: sorted, hits: sorted, windows: sorted, points: sorted };
};

/** Expires everything with the plan of these sites at `now`. */
async function sweep(
  stores: RetentionStores,
  sites: SiteConfig[],
  now: number,
  defaults = DEFAULTS,
) {
  const plan = retentionPlan(sites, defaults, now);
  for (const store of [stores.events, stores.sessions, stores.hits])
    await store.expire(plan.events);
  await stores.windows.expire(plan.aggregates);
  await stores.metrics.expire(plan);
}

/**
 * What retention must do in every store: the same tests run against Elasticsearch with InfluxDB
 * and the embedded store. The clock is moved forward between sweeps.
 */
export function retentionContract(setup: () => RetentionStores) {
  it('deletes each site’s records past its own retention, and unconfigured sites’ past the default, in every store', async () => {
    const stores = setup();
    const run = randomUUID().slice(0, 8);
    const short = `short-${run}`; // 30 days of events, 1 month of aggregates
    const long = `long-${run}`; // the defaults: 395 days, 25 months
    const removed = `removed-${run}`; // no longer configured: the defaults
    const sites = [
      siteConfigOf(short, { eventsDays: 30, aggregatesMonths: 1 }),
      siteConfigOf(long),
    ];
    await writeAt(stores, short, [2, 60, 100]);
    await writeAt(stores, long, [2, 60, 400, 800]);
    await writeAt(stores, removed, [2, 400, 800]);

    await sweep(stores, sites, NOW);
    // 30 days: the events of 60 and 100 days ago go. 1 month (from 2025-05-01): so do the
    // aggregates of 60 days ago. The defaults: events of 400 days ago go, aggregates stay
    // until 25 months (from 2023-05-01), so those of 800 days ago go.
    expect(await heldBy(stores, short)).toEqual(all(2));
    expect(await heldBy(stores, long)).toEqual({
      events: [2, 60],
      visits: [2, 60],
      hits: [2, 60],
      windows: [2, 60, 400],
      points: [2, 60, 400],
    });
    expect(await heldBy(stores, removed)).toEqual({
      events: [2],
      visits: [2],
      hits: [2],
      windows: [2, 400],
      points: [2, 400],
    });

    // Sixty days later, the short site's last records have aged out too; the others' have not.
    await sweep(stores, sites, NOW + 60 * DAY);
    expect(await heldBy(stores, short)).toEqual(all());
    expect((await heldBy(stores, long)).events).toEqual([2, 60]);
  });

  it('keeps everything of a site whose retention is 0 (for ever), and a second sweep deletes nothing more', async () => {
    const stores = setup();
    const site = `forever-${randomUUID().slice(0, 8)}`;
    const sites = [siteConfigOf(site, { eventsDays: 0, aggregatesMonths: 0 })];
    await writeAt(stores, site, [1, 500, 3_000]);
    // Defaults of ten years: the other suites' records (from NOW on) stay out of reach.
    const later = NOW + 3_650 * DAY;
    const defaults = { eventsDays: 3_650, aggregatesMonths: 120 };
    await sweep(stores, sites, later, defaults);
    await sweep(stores, sites, later, defaults);
    expect(await heldBy(stores, site)).toEqual(all(1, 500, 3_000));
  });
}
