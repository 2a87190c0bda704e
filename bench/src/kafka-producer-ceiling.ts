// The ceiling: how many messages/s kafkajs itself gets acknowledged on this machine, with the
// settings ingest uses (idempotent, acks=all, one request in flight) and without the safety
// (no idempotence, several requests in flight). Needs Kafka (bash infra/up.sh kafka).
import { randomUUID } from 'node:crypto';
import { noDelaySocketFactory } from '@sightline/bus';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { record, table } from './lib/report.js';

const DURATION_MS = Number(process.env.BENCH_DURATION ?? 20) * 1_000;
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const BATCH = 2_000;
const value = JSON.stringify({
  id: randomUUID(),
  type: 'pageview',
  url: 'https://shop.example/products/1',
  title: 'x'.repeat(250),
});

async function run(producer: Producer, topic: string, inFlight: number): Promise<number> {
  await producer.connect();
  const messages = Array.from({ length: BATCH }, (_, i) => ({ key: `site:visitor-${i}`, value }));
  let sent = 0;
  const until = Date.now() + DURATION_MS;
  const worker = async () => {
    while (Date.now() < until) {
      await producer.send({ topic, acks: -1, messages });
      sent += BATCH;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (Date.now() - started) / 1_000;
  await producer.disconnect();
  return Math.round(sent / seconds);
}

async function main() {
  // With TCP_NODELAY, as ingest's own client (kafkajs leaves Nagle's algorithm on).
  const kafka = new Kafka({
    brokers,
    logLevel: logLevel.NOTHING,
    socketFactory: noDelaySocketFactory,
  });
  const admin = kafka.admin();
  await admin.connect();
  const topic = `bench-ceiling-${Date.now().toString(36)}`;
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic, numPartitions: 6, replicationFactor: 1 }],
  });
  const safe = await run(
    kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    }),
    topic,
    1,
  );
  const fast = await run(
    kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner }),
    topic,
    4,
  );
  await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
  await record(
    'kafka-producer-ceiling',
    'Raw kafkajs producer ceiling (no HTTP, no validation)',
    'npm run bench -- producer',
    table(
      ['Producer', 'Messages/s acknowledged'],
      [
        [
          'one idempotent producer, acks=all, 1 request in flight (ingest runs 4 of these, by key)',
          safe.toLocaleString('en'),
        ],
        ['acks=all, not idempotent, 4 requests in flight', fast.toLocaleString('en')],
      ],
    ),
    { safe, fast, batch: BATCH, messageBytes: value.length },
    `Batches of ${BATCH.toLocaleString('en')} messages of ${value.length} bytes, sent back to back for ${DURATION_MS / 1_000} s to a 6-partition topic on the local broker.`,
  );
}

await main();
