// Dashboard query latency at 1 and 10 million events, in both stores: the queries the history
// dashboard and explore make (series of 10-second windows, top pages, countries, unique
// visitors, events over time, a filtered search, a visitor's timeline), timed through the same
// ports the admin app uses. The events are simulated shop visits over the last 30 days, enriched
// by ingest's own code; windows are computed by the processor's own logic.
// Needs a build and, for Elasticsearch + InfluxDB, the servers of infra/up.sh (Kafka too: the
// stores are opened as the product opens them).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@sightline/config';
import type { WindowAggregate } from '@sightline/contract';
import { createLogger } from '@sightline/observability';
import type { EventStore, MetricsStore } from '@sightline/ports';
import { openDistributed } from '@sightline/runtime/distributed';
import { openEmbedded } from '@sightline/runtime/embedded';
import {
  createElasticsearchClient,
  type ElasticsearchEventStore,
} from '@sightline/store-elasticsearch';
import { cleanUpRun } from './lib/clean-up.js';
import { dashboardQueries, queryStores } from './lib/dashboard-queries.js';
import { record, table } from './lib/report.js';
import { runEnv } from './lib/run-env.js';
import { shopHistory } from './lib/shop-history.js';
import { quantile } from './lib/stats.js';

const SIZES = (process.env.BENCH_SIZES ?? '1000000,10000000').split(',').map(Number);
const MODES = (process.env.BENCH_MODES ?? 'distributed,embedded').split(',') as Mode[];
const RUNS = 10;
const DAY = 86_400_000;
const SITE = 'bench';
/** Events generated per write: one day's worth at 10 million is about 330,000. */
const CHUNK = 20_000;
const RECORD = process.env.BENCH_RECORD !== '0';

type Mode = 'embedded' | 'distributed';

interface Stores {
  events: EventStore;
  metrics: MetricsStore;
  refresh(): Promise<void>;
  /** Waits for what a query starts in the background (Elasticsearch's funnel blocks). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The stores of one way to run, opened as the product opens them (`@sightline/runtime`). DuckDB
 * may use the machine's memory here, as in the figures recorded so far; `EMBEDDED_STORE_MEMORY_MB`
 * sets the single process's own limit instead.
 */
async function openStores(mode: Mode, name: string): Promise<Stores> {
  const logger = createLogger('bench', 'warn');
  if (mode === 'embedded') {
    const dir = mkdtempSync(join(tmpdir(), 'sightline-queries-'));
    const config = loadConfig({
      DATA_DIR: dir,
      EMBEDDED_STORE_MEMORY_MB: process.env.EMBEDDED_STORE_MEMORY_MB ?? '1048576',
    });
    const { stores, closers } = await openEmbedded(config, logger);
    return {
      events: stores.events,
      metrics: stores.metrics,
      refresh: () => Promise.resolve(),
      settle: () => Promise.resolve(),
      async close() {
        for (const close of Object.values(closers)) await close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const config = loadConfig(runEnv(name));
  const { stores, closers } = await openDistributed(config, logger, 'bench', { stores: 'all' });
  const client = createElasticsearchClient(config.elasticsearch);
  return {
    events: stores.events,
    metrics: stores.metrics,
    // Searchable, with the segments as indexing and background merges left them (a live store).
    refresh: async () => {
      await client.indices.refresh({ index: `${name}-*` }, { requestTimeout: 600_000 });
    },
    settle: async () => {
      await (stores.events as ElasticsearchEventStore).funnelBlocksBuilt();
      await client.indices.refresh({ index: `${name}-*` }, { requestTimeout: 600_000 });
    },
    async close() {
      for (const close of Object.values(closers)) await close();
      await client.close();
      await cleanUpRun(config, name);
    },
  };
}

/**
 * Simulated shop traffic over the 30 days before `end`, `count` events at most (see
 * shopHistory), written through the ports; windows as the processor computes them.
 */
async function load(stores: Stores, from: number, count: number, end: number, seed: number) {
  let written = 0;
  let windows: WindowAggregate[] = [];
  for (const chunk of shopHistory({ site: SITE, from, end, count, seed, chunk: CHUNK })) {
    windows.push(...chunk.windows);
    const full = windows.length >= 2_000;
    await Promise.all([
      stores.events.append(chunk.events),
      full ? stores.metrics.writeWindows(windows) : Promise.resolve(),
    ]);
    if (full) windows = [];
    written += chunk.events.length;
  }
  await stores.metrics.writeWindows(windows);
  return written;
}

interface Timing {
  mode: Mode;
  events: number;
  loadS: number;
  query: string;
  p50: number;
  max: number;
}

async function measureMode(mode: Mode): Promise<Timing[]> {
  const name = `bench-query-${Date.now().toString(36)}`;
  const stores = await openStores(mode, name);
  const end = Math.floor(Date.now() / DAY) * DAY;
  const timings: Timing[] = [];
  let loaded = 0;
  try {
    for (const [i, size] of SIZES.entries()) {
      // Each size adds to the last: more visitors over the same 30 days.
      const started = Date.now();
      loaded += await load(stores, end - 30 * DAY, size - loaded, end, 1_000 + i);
      await stores.refresh();
      const loadS = Math.round((Date.now() - started) / 1_000);
      console.log(JSON.stringify({ mode, loaded, loadS }));
      // Events stored in the last minute may not all be searchable, so funnel blocks built then
      // would be checked against them all: a site's history is not written all at once.
      if (mode === 'distributed') await new Promise((resolve) => setTimeout(resolve, 65_000));
      const sample = await stores.events.search({
        site: SITE,
        range: { from: end - 30 * DAY, to: end },
        filters: [],
        includeBots: false,
        limit: 1,
      });
      const visitor = sample.events[0]?.visitor ?? 'none';
      for (const query of dashboardQueries(end, visitor)) {
        const run = () => queryStores(stores, SITE, query);
        const first = performance.now();
        await run(); // warm
        if (query.kind === 'funnel' && mode === 'distributed') {
          // The first query of a funnel reads the events and starts building its blocks.
          const firstMs = performance.now() - first;
          const built = performance.now();
          await stores.settle();
          const builtMs = performance.now() - built;
          for (const [what, ms] of [
            ['first query (before its blocks)', firstMs],
            ['its blocks built, after the first query', builtMs],
          ] as const)
            timings.push({
              mode,
              events: loaded,
              loadS,
              query: `${query.name}: ${what}`,
              p50: ms,
              max: ms,
            });
        }
        const times: number[] = [];
        for (let r = 0; r < RUNS; r++) {
          const t0 = performance.now();
          await run();
          times.push(performance.now() - t0);
        }
        timings.push({
          mode,
          events: loaded,
          loadS,
          query: query.name,
          p50: quantile(times, 0.5),
          max: Math.max(...times),
        });
        console.log(JSON.stringify(timings.at(-1)));
      }
    }
  } finally {
    await stores.close();
  }
  return timings;
}

async function main() {
  const timings: Timing[] = [];
  // Recorded after each way to run: a long run keeps what it has measured so far.
  for (const mode of MODES) {
    timings.push(...(await measureMode(mode)));
    await report(timings);
  }
}

async function report(timings: Timing[]) {
  const label = (mode: Mode) =>
    mode === 'embedded' ? 'DuckDB (single process)' : 'Elasticsearch + InfluxDB';
  const columns = [
    ...new Set(timings.map((t) => `${label(t.mode)}, ${(t.events / 1e6).toFixed(1)} M`)),
  ];
  const rows = [...new Set(timings.map((t) => t.query))].map((query) => [
    query,
    ...columns.map((column) => {
      const t = timings.find(
        (x) => x.query === query && `${label(x.mode)}, ${(x.events / 1e6).toFixed(1)} M` === column,
      );
      return t ? `${Math.round(t.p50)} (${Math.round(t.max)})` : '–';
    }),
  ]);
  const loads = [...new Map(timings.map((t) => [`${t.mode}:${t.events}`, t])).values()]
    .map((t) => `${label(t.mode)} to ${t.events.toLocaleString('en')} events: ${t.loadS} s`)
    .join('; ');
  const summary = table(['Query (ms: median of 10, max in brackets)', ...columns], rows);
  const notes = `Simulated shop visits (the demo's generator) spread over the 30 days before today, enriched by ingest's own code, written through the stores' ports; 10-second windows computed by the processor's own logic. Each query runs once to warm up, then ${RUNS} times. The larger size adds visitors to the same 30 days. Loading (until searchable): ${loads}.`;
  if (!RECORD) {
    console.log(summary);
    return;
  }
  await record(
    'query-latency',
    'Dashboard query latency at 1 and 10 million events',
    'npm run bench -- queries',
    summary,
    timings,
    notes,
  );
}

await main();
process.exit(0);
