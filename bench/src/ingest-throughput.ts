// Ingest throughput: events/s accepted and acknowledged by Kafka, batched and one event per
// request, with latency, ingest's CPU and memory, and a check that every acknowledged event is
// on the topic. Needs Kafka (bash infra/up.sh kafka) and a build (npm run build).
import { randomUUID } from 'node:crypto';
import { TOPIC, topicName } from '@sightline/bus';
import { loadConfig } from '@sightline/config';
import { readEventsTopicMessage } from '@sightline/contract';
import autocannon from 'autocannon';
import { Kafka, logLevel } from 'kafkajs';
import { metric, startIngestProcess } from './lib/app-process.js';
import { setUpBenchSite } from './lib/bench-site.js';
import { record, table } from './lib/report.js';
import { sampleResources, type ResourceUse } from './lib/resources.js';
import { quantile } from './lib/stats.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 20);
/** "batched", "single" or both (default); BENCH_RECORD=0 prints without recording. */
const ONLY = process.env.BENCH_ONLY;
const RECORD = process.env.BENCH_RECORD !== '0';
/** Runs of each kind, interleaved; the median is reported (this machine is shared and noisy). */
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const prefix = `bench-${Date.now().toString(36)}.`;
const UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

/** A realistic page view (~330 bytes as JSON), as the tracker sends it. */
const event = (i: number, visitor: number) => ({
  id: randomUUID(),
  type: 'pageview',
  visitor: `visitor-${visitor}`,
  session: `session-${visitor}`,
  page: randomUUID(),
  ts: Date.now(),
  url: `https://shop.example/products/${i % 300}?utm_source=newsletter`,
  referrer: 'https://www.google.com/',
  title: 'A product page of the example shop',
  lang: 'en-GB',
  tz: 'GMT+0100',
  screen: '1920x1080',
  viewport: '1280x720',
});
/** A tracker batch: the events of one visitor. */
const body = (events: number, visitor: number) =>
  JSON.stringify({
    site: 'bench',
    sentAt: Date.now(),
    events: Array.from({ length: events }, (_, i) => event(i, visitor)),
  });

interface Run {
  name: string;
  eventsPerRequest: number;
  requestsPerSecond: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  resources: ResourceUse;
}

async function load(
  url: string,
  pid: number,
  name: string,
  eventsPerRequest: number,
  connections: number,
): Promise<Run> {
  // Many distinct bodies (distinct visitors, so all partitions), cycled through.
  const bodies = Array.from({ length: 500 }, (_, visitor) => body(eventsPerRequest, visitor));
  let next = 0;
  const sampler = sampleResources(pid);
  const result = await autocannon({
    url: `${url}/api/collect`,
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'user-agent': UA, origin: 'https://shop.example' },
    connections,
    duration: DURATION_S,
    requests: [
      { setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) },
    ],
  });
  const resources = await sampler.stop();
  return {
    name,
    eventsPerRequest,
    requestsPerSecond: Math.round(result.requests.average),
    eventsPerSecond: Math.round(result.requests.average * eventsPerRequest),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    resources,
  };
}

/** Counts the events on a topic by reading it from the beginning to its current end. */
async function countEvents(topic: string): Promise<number> {
  const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map(
    (await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]),
  );
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId: `${topic}-count`, maxBytes: 64 * 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let events = 0;
  const reached = new Set<number>([...ends].filter(([, end]) => end === 0).map(([p]) => p));
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          // Ingest also writes clock messages to every partition: they carry no events.
          const read = readEventsTopicMessage(message.value!);
          if (read.kind === 'events') events += read.events.length;
        }
        if (Number(batch.lastOffset()) + 1 >= (ends.get(batch.partition) ?? 0))
          reached.add(batch.partition);
        if (reached.size === ends.size) resolve();
        await Promise.resolve();
      },
    });
    if (reached.size === ends.size) resolve();
  });
  await consumer.disconnect();
  return events;
}

async function main() {
  await setUpBenchSite(
    loadConfig({
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_EVENTS_PARTITIONS: '6',
    }).kafka,
  );

  const ingest = await startIngestProcess({
    KAFKA_BROKERS: brokers.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    INGEST_IP_RATE: '1000000',
    INGEST_SITE_RATE: '10000000',
    // The load generator's 256 connections all come from this one address.
    INGEST_MAX_CONNECTIONS_PER_ADDRESS: '4096',
    INGEST_WORKERS: process.env.INGEST_WORKERS ?? '1',
  });
  try {
    await load(ingest.url, ingest.pid, 'warm-up', 20, 8);
    const before = await metric(ingest.opsUrl, 'sightline_ingest_events_accepted_total');
    const kinds = [
      { name: 'batched (100 events per request)', events: 100, connections: 64 },
      { name: 'one event per request', events: 1, connections: 256 },
    ].filter((kind) => !ONLY || (ONLY === 'single') === (kind.events === 1));
    const all = new Map<string, Run[]>(kinds.map((kind) => [kind.name, []]));
    for (let round = 0; round < REPEAT; round++) {
      for (const kind of kinds)
        all
          .get(kind.name)!
          .push(await load(ingest.url, ingest.pid, kind.name, kind.events, kind.connections));
    }
    // The median run of each kind, with the range of events/s over all runs.
    const runs = [...all.values()].map((list) => {
      const mid = quantile(
        list.map((run) => run.eventsPerSecond),
        0.5,
      );
      const run = list.find((r) => r.eventsPerSecond === mid)!;
      return {
        ...run,
        range: [
          Math.min(...list.map((r) => r.eventsPerSecond)),
          Math.max(...list.map((r) => r.eventsPerSecond)),
        ],
      };
    });
    const accepted =
      (await metric(ingest.opsUrl, 'sightline_ingest_events_accepted_total')) - before;
    const onTopic = await countEvents(topicName(prefix, TOPIC.events));
    if (!RECORD) {
      for (const run of runs) console.log(JSON.stringify(run));
      return;
    }
    await record(
      'ingest-throughput',
      'Ingest throughput (HTTP → validate → enrich → Kafka, acks=all)',
      'npm run bench -- ingest',
      table(
        [
          'Run',
          'Requests/s',
          'Events/s (median; range)',
          'Latency p50 / p99',
          'Non-2xx',
          'Ingest CPU (mean / max, % of a core)',
          'Ingest RSS max',
        ],
        runs.map((run) => [
          run.name,
          run.requestsPerSecond.toLocaleString('en'),
          `${run.eventsPerSecond.toLocaleString('en')} (${run.range.map((n) => n.toLocaleString('en')).join('–')})`,
          `${run.p50} / ${run.p99} ms`,
          run.non2xx + run.errors,
          `${run.resources.cpuMean} / ${run.resources.cpuMax}`,
          `${run.resources.rssMaxMiB} MiB`,
        ]),
      ),
      runs,
      `${REPEAT} runs of each kind, ${DURATION_S} s each, interleaved, after a warm-up; the median run is shown. ` +
        `One ingest process (INGEST_WORKERS=1); the load generator (autocannon), ingest and the Kafka broker share the machine. ` +
        `Every acknowledged event is on the topic: ${accepted.toLocaleString('en')} accepted by ingest during the runs, ` +
        `${onTopic.toLocaleString('en')} on the events topic in all (warm-up included).`,
    );
    if (onTopic < accepted)
      throw new Error(`only ${onTopic} events on the topic for ${accepted} acknowledged`);
  } finally {
    await ingest.stop();
  }
}

await main();
