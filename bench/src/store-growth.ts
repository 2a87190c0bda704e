// Store growth: whether the single process (npm start) keeps its memory flat and its appends
// steady as its store grows from 1 to 50 million events. At each size the data folder is grown
// (see lib/grow-store.ts), the store's append rate and rewind are measured through its port, then
// the built single process runs on that folder under a steady load while its RSS is sampled, and
// the dashboard's queries are timed through the admin app's HTTP API under the same load.
// Needs a build (npx turbo run build).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import autocannon from 'autocannon';
import { LevelDedupeStore, openEmbeddedStores } from '@sightline/store-embedded';
import { probeAppends, type AppendProbe } from './lib/append-probe.js';
import { probeClaims } from './lib/claim-probe.js';
import { metric, metrics } from './lib/app-process.js';
import { dashboardQueries, prepareAdmin, queryAdmin } from './lib/dashboard-queries.js';
import { growthFolder, type LedgerFill } from './lib/grow-store.js';
import { BENCH_UA, loadBatch, PER_REQUEST } from './lib/load.js';
import { record, table } from './lib/report.js';
import { residentMiB, rssMiB } from './lib/rss.js';
import { shopHistory } from './lib/shop-history.js';
import { startSingleProcess } from './lib/single-process.js';
import { quantile } from './lib/stats.js';

const SIZES = (process.env.BENCH_SIZES ?? '1000000,10000000,50000000').split(',').map(Number);
/** Events/s offered to ingest while the process is measured. */
const RATE = Number(process.env.BENCH_RATE ?? 2_000);
/** Seconds under load before sampling: the caches, the heap and the open visits fill first. */
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 120);
const LOAD_S = Number(process.env.BENCH_LOAD ?? 240);
/**
 * Whether the first size runs twice and only the second run counts: every measured run then
 * starts as a restart does, with the previous run's traffic on the bus to read again (the
 * assistant rebuilds its scores from it), and sizes compare like with like.
 */
const PRIME = process.env.BENCH_PRIME !== '0';
const SAMPLE_EVERY_S = 5;
const QUERY_RUNS = 5;
/** Events of the simulated month the larger sizes copy. */
const TEMPLATE = Number(process.env.BENCH_TEMPLATE ?? 1_000_000);
const MEMORY_MB = Number(process.env.EMBEDDED_STORE_MEMORY_MB ?? 512);
const RECORD = process.env.BENCH_RECORD !== '0';
/**
 * Which ids the ledger of counted ids holds (lib/grow-store.ts): `recent`, every id as if it had
 * arrived in the last 48 hours (its worst case); `as-arrived`, those that arrived in the last 48
 * hours of the simulated month, as after a month of steady traffic.
 */
const LEDGER: LedgerFill = process.env.BENCH_LEDGER === 'as-arrived' ? 'as-arrived' : 'recent';
const DAY = 86_400_000;
const SITE = 'bench';
/** Store appends: `rounds` timed after `warmupRounds` untimed ones (see probeAppends). */
const PROBE = { partitions: 6, batchSize: 300, rounds: 40, warmupRounds: 12 };

interface Size {
  /** Events stored when the process started. */
  events: number;
  growS: number;
  probe: AppendProbe;
  /** Fresh ids the ledger of counted ids claims per second (see lib/claim-probe.ts). */
  claimsPerS: number;
  rss: { min: number; p50: number; max: number };
  /** Medians of the anonymous and the file-backed parts of RSS. */
  anonP50: number;
  fileP50: number;
  /** Medians of the JS heap in use and of DuckDB's memory (the process's own metrics). */
  heapP50: number;
  duckP50: number;
  /** Largest RSS while the queries ran. */
  rssQueriedMax: number;
  storedPerS: number;
  /** Mean time of one append of raw events in the process (a bus batch, or several). */
  appendMs: number;
  /** Largest watermark age of a partition: how far storing lagged behind ingest. */
  lagMaxS: number;
  queries: { name: string; p50: number; max: number }[];
  dataMiB: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (path: string) =>
  Math.round(
    Number(execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split('\t')[0]) / 2 ** 20,
  );

/** Events stored for the site, counted through the store. */
async function countEvents(path: string): Promise<number> {
  const stores = await openEmbeddedStores(path, { memoryLimitMb: MEMORY_MB });
  const found = await stores.events.search({
    site: SITE,
    range: { from: 0, to: Date.now() + DAY },
    limit: 0,
    includeBots: true,
  });
  await stores.close();
  return found.total;
}

/** The append rate and rewind cost of the store as it is now. */
async function probe(path: string, end: number, round: number): Promise<AppendProbe> {
  const count = PROBE.partitions * PROBE.batchSize * (PROBE.warmupRounds + PROBE.rounds);
  const events = [
    ...shopHistory({ site: SITE, from: end - DAY, end, count, seed: 100 + round }),
  ].flatMap((chunk) => chunk.events);
  const stores = await openEmbeddedStores(path, { memoryLimitMb: MEMORY_MB });
  try {
    return await probeAppends(stores.events, events, {
      partitions: PROBE.partitions,
      batchSize: PROBE.batchSize,
      warmupRounds: PROBE.warmupRounds,
      firstOffset: 1e15 + round * 1e7,
    });
  } finally {
    await stores.close();
  }
}

/** The claim rate of the ledger of counted ids as it is now. */
async function probeLedger(path: string, round: number): Promise<number> {
  const ledger = new LevelDedupeStore(join(dirname(path), 'dedupe'));
  await ledger.ensureSchema();
  try {
    return await probeClaims(ledger, {
      rounds: PROBE.rounds,
      batchSize: PROBE.partitions * PROBE.batchSize,
      firstOffset: 1e15 + round * 1e7,
    });
  } finally {
    await ledger.close();
  }
}

/** The single process on the data folder under the steady load: memory, storing, queries. */
async function measureProcess(
  dataDir: string,
  end: number,
): Promise<Omit<Size, 'events' | 'growS' | 'probe' | 'claimsPerS' | 'dataMiB'>> {
  const single = await startSingleProcess(3960, {
    DATA_DIR: dataDir,
    EMBEDDED_STORE_MEMORY_MB: String(MEMORY_MB),
  });
  const { pid } = single.process;
  const processor = single.urls.processor;
  const load = autocannon(
    {
      url: `${single.urls.ingest}/api/collect`,
      method: 'POST',
      headers: {
        'content-type': 'text/plain',
        'user-agent': BENCH_UA,
        origin: 'https://shop.example',
      },
      connections: 8,
      overallRate: RATE / PER_REQUEST,
      duration: 24 * 3_600,
      requests: [{ setupRequest: (request) => ({ ...request, body: loadBatch() }) }],
    },
    () => undefined,
  );
  try {
    await sleep(WARMUP_S * 1_000);
    const counters = async () => ({
      t: Date.now(),
      stored: await metric(processor, 'sightline_processor_events_stored_total'),
      appendSum: (
        await metrics(processor, 'sightline_processor_write_seconds_sum', 'store="events"')
      ).reduce((a, b) => a + b, 0),
      appendCount: (
        await metrics(processor, 'sightline_processor_write_seconds_count', 'store="events"')
      ).reduce((a, b) => a + b, 0),
    });
    const first = await counters();
    const samples: number[] = [];
    const anon: number[] = [];
    const file: number[] = [];
    const heap: number[] = [];
    const duck: number[] = [];
    const inMiB = (bytes: number) => Math.round(bytes / 2 ** 20);
    let lagMaxS = 0;
    for (let s = 0; s < LOAD_S / SAMPLE_EVERY_S; s++) {
      await sleep(SAMPLE_EVERY_S * 1_000);
      const resident = residentMiB(pid);
      samples.push(resident.rss);
      anon.push(resident.anon);
      file.push(resident.file);
      heap.push(inMiB(await metric(processor, 'sightline_nodejs_heap_size_used_bytes')));
      duck.push(inMiB(await metric(processor, 'sightline_embedded_store_memory_bytes')));
      lagMaxS = Math.max(
        lagMaxS,
        ...(await metrics(processor, 'sightline_processor_watermark_age_seconds')),
      );
    }
    const last = await counters();
    console.log(JSON.stringify({ rss: samples }));

    // The dashboard's queries, under the same load.
    let rssQueriedMax = 0;
    const watch = setInterval(() => (rssQueriedMax = Math.max(rssQueriedMax, rssMiB(pid))), 1_000);
    const month = { from: end - 30 * DAY, to: end };
    const sample = await single.admin.get<{ events: { visitor: string }[] }>(
      `/api/sites/${SITE}/events?from=${month.from}&to=${month.to}&limit=1`,
    );
    const queries: Size['queries'] = [];
    await prepareAdmin(single.admin, SITE);
    for (const query of dashboardQueries(end, sample.events[0]?.visitor ?? 'none')) {
      await queryAdmin(single.admin, SITE, query); // warm
      const times: number[] = [];
      for (let r = 0; r < QUERY_RUNS; r++) {
        const t0 = performance.now();
        await queryAdmin(single.admin, SITE, query);
        times.push(performance.now() - t0);
      }
      queries.push({ name: query.name, p50: quantile(times, 0.5), max: Math.max(...times) });
      console.log(JSON.stringify(queries.at(-1)));
    }
    clearInterval(watch);
    return {
      rss: {
        min: Math.min(...samples),
        p50: quantile(samples, 0.5),
        max: Math.max(...samples),
      },
      anonP50: quantile(anon, 0.5),
      fileP50: quantile(file, 0.5),
      heapP50: quantile(heap, 0.5),
      duckP50: quantile(duck, 0.5),
      rssQueriedMax,
      storedPerS: Math.round((last.stored - first.stored) / ((last.t - first.t) / 1_000)),
      appendMs:
        last.appendCount > first.appendCount
          ? (1_000 * (last.appendSum - first.appendSum)) / (last.appendCount - first.appendCount)
          : 0,
      lagMaxS,
      queries,
    };
  } finally {
    load.stop();
    await single.process.stop();
  }
}

async function main() {
  const { root, dataDir, end, grower } = growthFolder('sightline-growth-', {
    site: SITE,
    template: TEMPLATE,
    memoryLimitMb: MEMORY_MB,
    ledger: LEDGER,
  });
  const sizes: Size[] = [];
  let stored = 0;
  let disk = '';
  try {
    for (const [round, size] of SIZES.entries()) {
      const started = Date.now();
      await grower.grow(size, stored);
      const growS = Math.round((Date.now() - started) / 1_000);
      const probed = await probe(grower.databasePath, end, round);
      const claimsPerS = await probeLedger(grower.databasePath, round);
      const events = await countEvents(grower.databasePath);
      console.log(JSON.stringify({ size, events, growS, probed, claimsPerS }));
      if (round === 0 && PRIME) await measureProcess(dataDir, end);
      const measured = await measureProcess(dataDir, end);
      disk = execFileSync('df', ['-h', dataDir], { encoding: 'utf8' }).trim().split('\n').at(-1)!;
      sizes.push({ events, growS, probe: probed, claimsPerS, ...measured, dataMiB: mib(dataDir) });
      console.log(JSON.stringify(sizes.at(-1)));
      stored = await countEvents(grower.databasePath);
      // Recorded after each size: a long run keeps what it has measured so far.
      await report(sizes, disk);
    }
  } finally {
    if (process.env.BENCH_KEEP !== '1') rmSync(root, { recursive: true, force: true });
  }
}

async function report(sizes: Size[], disk: string) {
  const base = sizes[0]!.rss.p50;
  const millions = (n: number) => `${(n / 1e6).toFixed(1)} M`;
  const summary = table(
    [
      'Events stored',
      'RSS under load: min / median / max',
      'Median vs first size',
      'Median anonymous / file-backed',
      'Median JS heap / DuckDB',
      'RSS max while queried',
      'Stored/s under load',
      'Append in the process (mean)',
      'Lag max',
      'Store appends (6 partitions × 300)',
      'Rewind of a batch',
      'Ledger claims (fresh ids)',
      'Data folder',
    ],
    sizes.map((s) => [
      millions(s.events),
      `${s.rss.min} / ${s.rss.p50} / ${s.rss.max} MiB`,
      `${s.rss.p50 >= base ? '+' : ''}${((100 * (s.rss.p50 - base)) / base).toFixed(1)} %`,
      `${s.anonP50} / ${s.fileP50} MiB`,
      `${s.heapP50} / ${s.duckP50} MiB`,
      `${s.rssQueriedMax} MiB`,
      s.storedPerS.toLocaleString('en'),
      `${s.appendMs.toFixed(1)} ms`,
      `${s.lagMaxS.toFixed(1)} s`,
      `${s.probe.eventsPerS.toLocaleString('en')} events/s`,
      `${s.probe.rewindMs.toFixed(1)} ms`,
      `${s.claimsPerS.toLocaleString('en')} ids/s`,
      `${(s.dataMiB / 1024).toFixed(1)} GiB`,
    ]),
  );
  const queries = table(
    [
      'Query under load (ms: median of 5, max in brackets)',
      ...sizes.map((s) => millions(s.events)),
    ],
    sizes[0]!.queries.map((query, i) => [
      query.name,
      ...sizes.map((s) => `${Math.round(s.queries[i]!.p50)} (${Math.round(s.queries[i]!.max)})`),
    ]),
  );
  const notes = `At each size the data folder is grown first: a month of simulated shop visits (${TEMPLATE.toLocaleString('en')} events over the 30 days before today, the demo's generator, enriched by ingest's code) through the store ports with its 10-second windows; larger sizes add copies of that month with ids and visitors of their own (DuckDB copies the rows in time order, four hours of the month at a time). ${LEDGER === 'recent' ? 'Every id is also claimed in the ledger of counted ids with an ingest time in the last 48 hours, so the ledger holds them all (its worst case; the bench claims them in key order, which loads the ledger quickly).' : 'The ids of the first month that arrived in its last 48 hours are also claimed in the ledger of counted ids, at their own ingest time, and no others: the copies stand for earlier months of the same traffic, whose ids the ledger (48 hours) no longer keeps, so the ledger is the same at every size of the store, as under steady traffic.'} Growing took ${sizes.map((s) => `${s.growS} s`).join(', ')}. "Store appends" times ${PROBE.rounds} rounds (after ${PROBE.warmupRounds} untimed ones that pass the first checkpoint) of one batch of ${PROBE.batchSize} events for each of ${PROBE.partitions} partitions, appended together through the port as the processor does, and "Rewind" forgets one partition's last batch (what a processor resuming from its commit forgets). "Ledger claims" times ${PROBE.rounds} claims of ${(PROBE.partitions * PROBE.batchSize).toLocaleString('en')} ids never seen before, arriving now, against the ledger as grown. Then the built single process (\`node apps/standalone/dist/main.js\`, EMBEDDED_STORE_MEMORY_MB=${MEMORY_MB}) starts on that folder${PRIME ? " (at the first size it runs twice and only the second run counts, so every measured run is a restart that reads the previous run's traffic on the bus again)" : ''} and ${RATE.toLocaleString('en')} events/s are offered to ingest (batches of ${PER_REQUEST} events of visitors from a pool of 20,000); after ${WARMUP_S} s its RSS is sampled every ${SAMPLE_EVERY_S} s for ${LOAD_S} s, with the processor's stored events and the time of its raw-event appends (\`sightline_processor_write_seconds{store="events"}\`). The dashboard's queries (those of the query latency benchmark) then go through the admin app's HTTP API under the same load, once to warm up and ${QUERY_RUNS} times. The load generator shares the machine's 2 cores with the process. Disk: \`${disk}\`.`;
  const body = `${summary}\n\n${queries}`;
  if (!RECORD) {
    console.log(body);
    return;
  }
  const steady = LEDGER === 'as-arrived';
  await record(
    steady ? 'store-growth-steady' : 'store-growth',
    steady
      ? 'Single process as the store grows, with the ledger of counted ids as steady traffic leaves it'
      : 'Single process as the store grows (memory, appends, queries at 1, 10 and 50 million events)',
    steady ? 'npm run bench -- store-growth-steady' : 'npm run bench -- store-growth',
    body,
    sizes,
    notes,
  );
}

await main();
process.exit(0);
