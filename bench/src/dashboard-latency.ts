// Event → dashboard latency: from the moment a page view is sent to ingest to the moment the
// admin app's live stream (what the dashboard listens to) carries a window that counts it — in
// both ways to run, with simulated visitors in the background, and the memory of every app.
// Needs a build (npm run build) and, for the distributed mode, Kafka, Elasticsearch and InfluxDB.
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@sightline/config';
import type { WindowAggregate } from '@sightline/contract';
import { startTraffic } from '@sightline/traffic';
import { ownerEnv, signInAdmin, type AdminClient } from './lib/admin-client.js';
import { startAppProcess, type AppProcess } from './lib/app-process.js';
import { cleanUpRun } from './lib/clean-up.js';
import { BENCH_UA } from './lib/load.js';
import { record, table } from './lib/report.js';
import { sampleResources, type ResourceUse } from './lib/resources.js';
import { runEnv } from './lib/run-env.js';
import { startSingleProcess } from './lib/single-process.js';
import { quantile } from './lib/stats.js';

const MODES = (process.env.BENCH_MODES ?? 'embedded,distributed').split(',') as Mode[];
const TRIALS = Number(process.env.BENCH_TRIALS ?? 60);
/** Background visits per minute (played 5 times faster than real time: busy pages). */
const BACKGROUND_VPM = Number(process.env.BENCH_BACKGROUND ?? 600);
const WARMUP_S = 20;
const RECORD = process.env.BENCH_RECORD !== '0';

type Mode = 'embedded' | 'distributed';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Result {
  mode: Mode;
  trials: number;
  backgroundEventsPerS: number;
  latencies: number[];
  memory: Record<string, ResourceUse>;
}

/** The apps of one way to run, started, with the site "bench"; `admin` is signed in as the owner. */
async function startMode(
  mode: Mode,
  name: string,
): Promise<{ admin: AdminClient; ingest: string; apps: Record<string, AppProcess> }> {
  // The background visitors each have an address (X-Forwarded-For).
  const trustProxy = { INGEST_TRUST_PROXY: 'true' };
  if (mode === 'embedded') {
    const single = await startSingleProcess(3900, trustProxy);
    return {
      admin: single.admin,
      ingest: single.urls.ingest,
      apps: { standalone: single.process },
    };
  }
  const env = {
    ...runEnv(name),
    ...ownerEnv,
    ...trustProxy,
    PROCESSOR_GROUP: `${name}-processor`,
    CHATBOT_GROUP: `${name}-chatbot`,
  };
  const web = await startAppProcess('web', 3900, env);
  const [ingest, processor, chatbot] = await Promise.all([
    startAppProcess('ingest', 3901, env),
    startAppProcess('processor', 3902, env),
    startAppProcess('chatbot', 3903, env),
  ]);
  const admin = await signInAdmin(web.url);
  await admin.post('/api/sites', { key: 'bench', name: 'Bench', origins: ['*'] });
  return { admin, ingest: ingest.url, apps: { ingest, processor, chatbot, web } };
}

/** Sends one page view of a new visitor to `site`; resolves when ingest acknowledged it. */
async function sendPageView(ingest: string, site: string): Promise<void> {
  const now = Date.now();
  const response = await fetch(`${ingest}/api/collect`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'user-agent': BENCH_UA },
    body: JSON.stringify({
      site,
      sentAt: now,
      events: [
        {
          id: randomUUID(),
          type: 'pageview',
          visitor: `probe-${randomUUID()}`,
          session: `s-${randomUUID()}`,
          ts: now,
          url: 'https://probe.example/',
        },
      ],
    }),
  });
  if (response.status !== 200) throw new Error(`ingest answered ${response.status}`);
}

/** Page views of `site` counted by the live windows seen so far (the latest of each window). */
function countLive(admin: AdminClient, site: string) {
  const latest = new Map<string, number>();
  let total = 0;
  const stream = admin.stream(`/api/sites/${site}/live`, (event, data) => {
    if (event !== 'window') return;
    const window = data as WindowAggregate;
    const key = `${window.start}:${window.partition}`;
    total += window.metrics.pageviews - (latest.get(key) ?? 0);
    latest.set(key, window.metrics.pageviews);
  });
  return { count: () => total, close: () => stream.close() };
}

async function measure(mode: Mode): Promise<Result> {
  const name = `bench-dash-${Date.now().toString(36)}`;
  const { admin, ingest, apps } = await startMode(mode, name);
  try {
    await admin.post('/api/sites', { key: 'probe', name: 'Probe', origins: ['*'] });
    // The sites reach ingest through the configuration (a topic when distributed).
    for (let tries = 0; ; tries++) {
      try {
        await sendPageView(ingest, 'bench');
        break;
      } catch (error) {
        if (tries > 100) throw error;
        await sleep(200);
      }
    }
    const background = startTraffic({
      ingestUrl: ingest,
      sites: { shop: 'bench' },
      visitsPerMinute: BACKGROUND_VPM,
      speed: 5,
      dailyShape: false,
      socketShare: 0,
    });
    await sleep(WARMUP_S * 1_000);
    const usage = Object.fromEntries(
      Object.entries(apps).map(([app, process]) => [app, sampleResources(process.pid)]),
    );
    const live = countLive(admin, 'probe');
    await sleep(1_000);
    const acceptedAtStart = background.stats.eventsAccepted;
    const startedAt = Date.now();
    const latencies: number[] = [];
    for (let trial = 1; trial <= TRIALS; trial++) {
      const sentAt = performance.now();
      await sendPageView(ingest, 'probe');
      const deadline = Date.now() + 30_000;
      while (live.count() < trial) {
        if (Date.now() > deadline) throw new Error(`trial ${trial}: no window within 30 s`);
        await sleep(2);
      }
      latencies.push(performance.now() - sentAt);
      await sleep(500 + Math.random() * 1_000);
    }
    const backgroundEventsPerS = Math.round(
      ((background.stats.eventsAccepted - acceptedAtStart) * 1_000) / (Date.now() - startedAt),
    );
    live.close();
    await background.stop();
    const memory: Record<string, ResourceUse> = {};
    for (const [app, sampler] of Object.entries(usage)) memory[app] = await sampler.stop();
    return { mode, trials: TRIALS, backgroundEventsPerS, latencies, memory };
  } finally {
    await Promise.all(Object.values(apps).map((app) => app.stop()));
    if (mode === 'distributed') await cleanUpRun(loadConfig(runEnv(name)), name);
  }
}

async function main() {
  const results: Result[] = [];
  for (const mode of MODES) {
    const result = await measure(mode);
    console.log(
      JSON.stringify({ ...result, latencies: undefined, p50: quantile(result.latencies, 0.5) }),
    );
    results.push(result);
  }
  const ms = (value: number) => `${Math.round(value)} ms`;
  const rows = results.map((r) => [
    r.mode === 'embedded' ? 'single process (npm start)' : 'one process per app',
    r.trials,
    r.backgroundEventsPerS.toLocaleString('en'),
    ms(quantile(r.latencies, 0.5)),
    ms(quantile(r.latencies, 0.9)),
    ms(quantile(r.latencies, 0.99)),
    ms(Math.max(...r.latencies)),
  ]);
  const memoryRows = results.flatMap((r) =>
    Object.entries(r.memory).map(([app, use]) => [
      r.mode === 'embedded' ? 'single process' : 'one process per app',
      app === 'standalone' ? 'all four apps' : app,
      `${use.rssMaxMiB} MiB`,
      `${use.cpuMean} %`,
    ]),
  );
  const summary = [
    table(['Way to run', 'Trials', 'Background events/s', 'p50', 'p90', 'p99', 'Max'], rows),
    '',
    'Memory and CPU of each app over the trials (the background visitors included):',
    '',
    table(['Way to run', 'App', 'RSS max', 'CPU mean (% of a core)'], memoryRows),
  ].join('\n');
  const notes = `Each trial sends one page view of a new visitor to the site "probe" and waits until the admin app's live stream (\`/api/sites/probe/live\`, the server-sent events the dashboard reads) delivers a window that counts it; trials are 0.5–1.5 s apart. Meanwhile the traffic generator sends simulated shop visitors to another site (${BACKGROUND_VPM} visits a minute played 5 times faster), after a ${WARMUP_S} s warm-up. The time includes ingest's acknowledgement (the bus has the event), the processor's window update (written to the stores, then published on \`aggregates\`) and the admin app's stream. Elasticsearch, InfluxDB and Kafka (distributed) run on the same machine and are not in the memory table.`;
  if (!RECORD) {
    console.log(summary);
    return;
  }
  await record(
    'dashboard-latency',
    'Event → dashboard latency and memory per app (both ways to run)',
    'npm run bench -- dashboard',
    summary,
    results,
    notes,
  );
}

await main();
process.exit(0);
