// Pipeline throughput: events/s sustained through ingest → Kafka → processor → Elasticsearch and
// InfluxDB, stepping the offered rate up, with the processor's lag sampled every second. Needs
// Kafka, Elasticsearch and InfluxDB (bash infra/up.sh) and a build (npm run build).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@sightline/config';
import autocannon from 'autocannon';
import { metric, metrics, startAppProcess, type AppProcess } from './lib/app-process.js';
import { setUpBenchSite } from './lib/bench-site.js';
import { cleanUpRun } from './lib/clean-up.js';
import { BENCH_UA, loadBatch, PER_REQUEST } from './lib/load.js';
import { record, table } from './lib/report.js';
import { sampleMachine, sampleResources, type ResourceUse } from './lib/resources.js';
import { runEnv } from './lib/run-env.js';
import { startSingleProcess } from './lib/single-process.js';
import { quantile } from './lib/stats.js';

/** Offered rates in events/s, one step each. */
const RATES = (process.env.BENCH_RATES ?? '5000,10000,15000,20000').split(',').map(Number);
const STEP_S = Number(process.env.BENCH_STEP ?? 30);
/**
 * After the steps, the top rate held this long: whether memory levels off once the backlog is
 * at its bounds (the single process holds its backlog in memory; Kafka holds it on disk).
 */
const HOLD_S = Number(process.env.BENCH_HOLD ?? (process.env.BENCH_MODE === 'embedded' ? 120 : 0));
/** A first run at a moderate rate, not recorded: the servers' JITs warm up (minutes on 2 cores). */
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 60);
/** The first seconds of a step are the ramp: lag is judged on the rest. */
const RAMP_S = 5;
const LAG_TARGET_S = 2;
const RECORD = process.env.BENCH_RECORD !== '0';
/** distributed: each app alone on Kafka, Elasticsearch, InfluxDB; embedded: the single process. */
const MODE = process.env.BENCH_MODE === 'embedded' ? 'embedded' : 'distributed';

const root = join(import.meta.dirname, '..', '..');
const name = `bench-pipe-${Date.now().toString(36)}`;
const env = { ...runEnv(name), PROCESSOR_GROUP: name };
interface Sample {
  t: number;
  accepted: number;
  stored: number;
  ageMax: number;
  /** Resident memory of the processor's process. */
  rssMiB: number;
}

interface Step {
  offered: number;
  seconds: number;
  accepted: number;
  stored: number;
  ageP50: number;
  ageMax: number;
  backlogAtEnd: number;
  catchUpS: number;
  /** Events/s stored while catching up, once the load (and ingest's work) had stopped. */
  drainRate: number | undefined;
  /** Share of the machine's cores busy during the step. */
  machineBusy: number;
  /** Batches ingest shed with 503 (at capacity): the sender keeps them and retries. */
  refused: number;
  /** Any other failed request. */
  errors: number;
  ingest: ResourceUse;
  processor: ResourceUse;
  elasticsearch: ResourceUse | undefined;
  kafka: ResourceUse | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function servicePid(service: string): number | undefined {
  try {
    const dir = process.env.SIGHTLINE_RUN_DIR ?? join(root, '.run');
    return Number(readFileSync(join(dir, 'pids', `${service}.pid`), 'utf8').trim());
  } catch {
    return undefined;
  }
}

async function sample(ingest: AppProcess, processor: AppProcess, t0: number): Promise<Sample> {
  const [accepted, stored, ages] = await Promise.all([
    metric(ingest.opsUrl, 'sightline_ingest_events_accepted_total'),
    metric(processor.opsUrl, 'sightline_processor_events_stored_total'),
    metrics(processor.opsUrl, 'sightline_processor_watermark_age_seconds'),
  ]);
  return {
    t: (Date.now() - t0) / 1_000,
    accepted,
    stored,
    ageMax: Math.max(0, ...ages),
    rssMiB: rssMiB(processor.pid),
  };
}

function rssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

async function step(
  offered: number,
  seconds: number,
  ingest: AppProcess,
  processor: AppProcess,
  series: Sample[],
  t0: number,
): Promise<Step> {
  const esPid = MODE === 'distributed' ? servicePid('elasticsearch') : undefined;
  const kafkaPid = MODE === 'distributed' ? servicePid('kafka') : undefined;
  const machine = sampleMachine();
  const usage = {
    ingest: sampleResources(ingest.pid),
    processor: sampleResources(processor.pid),
    elasticsearch: esPid ? sampleResources(esPid) : undefined,
    kafka: kafkaPid ? sampleResources(kafkaPid) : undefined,
  };
  const start = await sample(ingest, processor, t0);
  const during: Sample[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      await sleep(1_000);
      const s = await sample(ingest, processor, t0);
      during.push(s);
      series.push(s);
    }
  })();
  const result = await autocannon({
    url: `${ingest.url}/api/collect`,
    method: 'POST',
    headers: {
      'content-type': 'text/plain',
      'user-agent': BENCH_UA,
      origin: 'https://shop.example',
    },
    connections: 32,
    overallRate: offered / PER_REQUEST,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, body: loadBatch() }) }],
  });
  sampling = false;
  await sampler;
  const shed = result.statusCodeStats?.['503']?.count ?? 0;
  const machineBusy = machine.stop();
  const end = await sample(ingest, processor, t0);
  // Catch-up: until everything accepted is stored.
  const caughtUpBy = Date.now() + 120_000;
  let last = end;
  while (last.stored < last.accepted && Date.now() < caughtUpBy) {
    await sleep(500);
    last = await sample(ingest, processor, t0);
    series.push(last);
  }
  const ages = during.filter((s) => s.t - start.t > RAMP_S).map((s) => s.ageMax);
  return {
    offered,
    seconds,
    accepted: Math.round((end.accepted - start.accepted) / (end.t - start.t)),
    stored: Math.round((end.stored - start.stored) / (end.t - start.t)),
    ageP50: quantile(ages, 0.5),
    ageMax: Math.max(0, ...ages),
    backlogAtEnd: end.accepted - end.stored,
    catchUpS: last.stored >= last.accepted ? Math.round((last.t - end.t) * 10) / 10 : Infinity,
    drainRate:
      last.t - end.t >= 1 ? Math.round((last.stored - end.stored) / (last.t - end.t)) : undefined,
    machineBusy,
    refused: shed,
    errors: result.errors + result.non2xx - shed,
    ingest: await usage.ingest.stop(),
    processor: await usage.processor.stop(),
    elasticsearch: await usage.elasticsearch?.stop(),
    kafka: await usage.kafka?.stop(),
  };
}

async function main() {
  const config = loadConfig(env);
  let ingest: AppProcess;
  let processor: AppProcess;
  if (MODE === 'embedded') {
    // One process: ingest's and the processor's figures come from their ports of it.
    const single = await startSingleProcess(3900);
    ingest = { ...single.process, url: single.urls.ingest, opsUrl: single.urls.ingestOps };
    processor = { ...single.process, url: single.urls.processor, opsUrl: single.urls.processor };
  } else {
    await setUpBenchSite(config.kafka);
    ingest = await startAppProcess('ingest', 3901, env);
    processor = await startAppProcess('processor', 3902, env);
  }
  const series: Sample[] = [];
  const steps: Step[] = [];
  try {
    if (WARMUP_S > 0) {
      const warmup = await step(5_000, WARMUP_S, ingest, processor, [], Date.now());
      console.log(JSON.stringify({ warmup }));
    }
    const t0 = Date.now();
    for (const offered of RATES) {
      const result = await step(offered, STEP_S, ingest, processor, series, t0);
      console.log(JSON.stringify(result));
      steps.push(result);
    }
    if (HOLD_S > 0) {
      const top = Math.max(...RATES);
      const result = await step(top, HOLD_S, ingest, processor, series, t0);
      console.log(JSON.stringify(result));
      steps.push(result);
    }
  } finally {
    await Promise.all([ingest.stop(), processor.stop()]);
    if (MODE === 'distributed') await cleanUpRun(config, name);
  }
  const kept = steps.filter((s) => s.ageMax < LAG_TARGET_S && s.stored >= s.accepted * 0.97);
  const best = kept.at(-1);
  const summary = best
    ? `Highest step kept up with (stored ≥ 97 % of accepted, lag < ${LAG_TARGET_S} s): **${best.offered.toLocaleString('en')} events/s**.`
    : `No step kept up (stored ≥ 97 % of accepted with lag < ${LAG_TARGET_S} s).`;
  const rows = steps.map((s) => [
    s.seconds === STEP_S
      ? s.offered.toLocaleString('en')
      : `${s.offered.toLocaleString('en')} for ${s.seconds} s`,
    s.accepted.toLocaleString('en'),
    s.stored.toLocaleString('en'),
    `${s.ageP50.toFixed(2)} s / ${s.ageMax.toFixed(2)} s`,
    s.backlogAtEnd.toLocaleString('en'),
    Number.isFinite(s.catchUpS) ? `${s.catchUpS} s` : '> 120 s',
    s.drainRate === undefined ? '–' : s.drainRate.toLocaleString('en'),
    `${s.machineBusy} %`,
    `${s.ingest.cpuMean} / ${s.processor.cpuMean} / ${s.elasticsearch?.cpuMean ?? '–'} / ${s.kafka?.cpuMean ?? '–'}`,
    `${s.processor.rssMaxMiB} MiB`,
    s.refused.toLocaleString('en'),
    s.errors,
  ]);
  // Lag over time, one line per 5 s, for the record.
  const timeline = series
    .filter((_, i) => i % 5 === 0)
    .map((s, i, all) => {
      const previous = all[i - 1];
      const rate = previous ? (s.stored - previous.stored) / (s.t - previous.t) : 0;
      return `${s.t.toFixed(0)} s: stored ${Math.round(rate).toLocaleString('en')}/s, backlog ${(s.accepted - s.stored).toLocaleString('en')}, lag ${s.ageMax.toFixed(2)} s, RSS ${s.rssMiB} MiB`;
    });
  if (!RECORD) {
    console.log(summary);
    console.log(timeline.join('\n'));
    return;
  }
  const embedded = MODE === 'embedded';
  await record(
    embedded ? 'pipeline-throughput-embedded' : 'pipeline-throughput',
    embedded
      ? 'Single-process throughput (npm start: ingest → embedded bus → processor → DuckDB)'
      : 'Pipeline throughput (ingest → Kafka → processor → Elasticsearch + InfluxDB)',
    embedded ? 'npm run bench -- pipeline-embedded' : 'npm run bench -- pipeline',
    table(
      [
        'Offered events/s',
        'Accepted/s',
        'Stored/s',
        'Lag p50 / max',
        'Backlog at end',
        'Catch-up',
        'Drain after load (events/s)',
        'Machine busy',
        'CPU % of a core: ingest / processor / Elasticsearch / Kafka',
        'Processor RSS',
        'Refused (503)',
        'Other errors',
      ],
      rows,
    ),
    { steps, series },
    [
      summary,
      '',
      `After a ${WARMUP_S} s warm-up at 5,000 events/s (not recorded), each step offers its rate for ${STEP_S} s (batches of ${PER_REQUEST} events of one visitor from a pool of 20,000: page views, clicks, scrolls, heartbeats). Lag is the processor's \`sightline_processor_watermark_age_seconds\`: how old the newest ingest time is whose results are in ${embedded ? 'the store' : 'both stores'}, sampled every second after a ${RAMP_S} s ramp. "Stored" counts events written to ${embedded ? 'DuckDB' : 'Elasticsearch and InfluxDB'} (raw documents, raw points, windows, visits) and committed past. ${embedded ? 'Ingest, the processor, the chatbot and the admin app are one process (its CPU shows in both the ingest and processor columns); the load generator shares the machine with it' : "Ingest, Kafka, the processor, Elasticsearch, InfluxDB and the load generator share the machine's cores"}: "Machine busy" is the share of both cores in use during the step. "Drain after load" is the rate at which the backlog was stored once the load generator and ingest had stopped: what the processor and ${embedded ? 'the store' : 'both stores'} sustain when they have the cores to themselves.${HOLD_S > 0 ? ` The last row holds the top rate for ${HOLD_S} s, to see whether memory levels off once the backlog reaches its bounds (the list below gives the process's RSS as it goes).` : ''}${embedded ? ' "Refused (503)" counts batches ingest shed because the bus held `EMBEDDED_BUS_BACKLOG_MB` unread (a tracker keeps such a batch and sends it again; the load generator does not).' : ''}`,
      '',
      '<details><summary>Lag over time</summary>',
      '',
      ...timeline.map((line) => `- ${line}`),
      '',
      '</details>',
    ].join('\n'),
  );
}

await main();
process.exit(0);
