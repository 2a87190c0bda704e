import { TOPIC, topicName } from '@sightline/bus';
import { BusConfigStore, Profiles, Sites } from '@sightline/config-store';
import { assistanceMessage, type AssistanceMessage } from '@sightline/contract';
import { createLogger } from '@sightline/observability';
import { startTraffic, SHOP_ORIGIN, UNIVERSITY_ORIGIN } from '@sightline/traffic';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pipeline } from '../../apps/processor/test/pipeline.js';
import { uniqueName } from '../integration/services.js';
import { until } from '../until.js';
import { universityProfiles } from '../visitors/browsing.js';
import { freePort } from '../free-port.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every message of a topic as a read_committed reader sees it (what ingest delivers from). */
async function readCommitted(brokers: string[], topic: string, until: number): Promise<Buffer[]> {
  const kafka = new Kafka({ brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 100 });
  const values: Buffer[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      if (message.value) values.push(message.value);
      return Promise.resolve();
    },
  });
  await sleep(until);
  await consumer.disconnect();
  return values;
}

/**
 * The distributed mode scaled out: two copies each of ingest, the processor and the chatbot on
 * one Kafka with six partitions, under simulated visitors; one copy of each killed with SIGKILL
 * mid-stream. Nothing acknowledged is lost, the stores hold exactly what the topic holds, and no
 * assistance message is sent twice.
 */
describe('two copies of every app, one of each killed under load', () => {
  const pipeline = new Pipeline({ partitions: 6 });
  const logger = createLogger('scale-out-test', 'silent');
  let configStore: BusConfigStore;

  beforeAll(async () => {
    await pipeline.setup();
    configStore = new BusConfigStore(
      pipeline.bus,
      topicName(pipeline.config.kafka.topicPrefix, TOPIC.config),
      logger,
    );
    await configStore.start();
    const now = Date.now();
    const sites = new Sites(configStore);
    await sites.put({ key: 'shop', name: 'Shop', origins: [SHOP_ORIGIN], createdAt: now });
    await sites.put({
      key: 'university',
      name: 'University',
      origins: [UNIVERSITY_ORIGIN],
      createdAt: now,
    });
    for (const profile of universityProfiles()) await new Profiles(configStore).put(profile);
  });
  afterAll(async () => {
    await configStore?.close();
    await pipeline.close();
  });

  it('loses nothing, counts exactly and repeats no message', async () => {
    const ports = [await freePort(), await freePort()];
    const opsPorts = [await freePort(), await freePort()];
    const ingestEnv = (port: number, opsPort: number) => ({
      INGEST_PORT: String(port),
      INGEST_OPS_PORT: String(opsPort),
      // Each simulated visitor has an address of its own (X-Forwarded-For).
      INGEST_TRUST_PROXY: 'true',
    });
    const ingests = ports.map((port, i) =>
      pipeline.spawnApp('ingest', ingestEnv(port, opsPorts[i]!)),
    );
    const processors = [pipeline.spawnProcessor(), pipeline.spawnProcessor()];
    const chatbots = [
      pipeline.spawnApp('chatbot', { CHATBOT_PORT: '0' }),
      pipeline.spawnApp('chatbot', { CHATBOT_PORT: '0' }),
    ];
    const urls = ports.map((port) => `http://127.0.0.1:${port}`);
    for (const port of opsPorts) {
      const ready = `http://127.0.0.1:${port}/readyz`;
      await until(async () => (await fetch(ready).catch(() => undefined))?.ok === true, {
        what: `ingest at ${ready} ready`,
        timeoutMs: 90_000,
      });
    }
    await until(async () => (await pipeline.members()).filter((p) => p.length > 0).length === 2, {
      what: 'two processors sharing the partitions',
      timeoutMs: 90_000,
    });

    const acknowledged = new Set<string>();
    const received = new Map<string, number>();
    const run = startTraffic({
      ingestUrl: urls,
      sites: { shop: 'shop', university: 'university' },
      visitsPerMinute: 240,
      speed: 10,
      shopShare: 0.5,
      dailyShape: false,
      socketShare: 0.5,
      seed: 99,
      onSent(events, outcome) {
        if (outcome.accepted === events.length) for (const e of events) acknowledged.add(e.id);
      },
      onAssistance(visit, _visitor, message) {
        const page = `${visit}:${message.id}`;
        received.set(page, (received.get(page) ?? 0) + 1);
      },
    });
    await until(() => acknowledged.size >= 2_000, { what: 'load under way', timeoutMs: 90_000 });
    await until(async () => (await pipeline.committed()) > 0, {
      what: 'progress before the kills',
    });
    // One copy of each, without any shutdown.
    await Promise.all([
      pipeline.kill(ingests[0]!),
      pipeline.kill(processors[0]!),
      pipeline.kill(chatbots[0]!),
    ]);
    const atKill = acknowledged.size;
    await until(() => acknowledged.size >= atKill + 2_000, {
      what: 'load carried by the remaining copies',
      timeoutMs: 90_000,
    });
    await run.stop();
    expect(run.stats.eventsRejected).toBe(0);

    // An hour later on ingest's clock: every visit has ended and every window is final.
    await pipeline.publish([{ offset: 0, events: [], clock: Date.now() + 3_600_000 }]);
    await pipeline.waitCaughtUp(180_000);
    // Everything ingest acknowledged, through either copy, is on the topic…
    const topic = await pipeline.readTopic();
    const onTopic = new Set<string>();
    for (const messages of topic.values())
      for (const message of messages) for (const event of message.events) onTopic.add(event.id);
    const missing = [...acknowledged].filter((id) => !onTopic.has(id));
    expect(missing).toEqual([]);
    // …and the stores hold exactly what an independent computation from the topic gives.
    await pipeline.verify(['shop', 'university']);
    const members = await pipeline.members();
    expect(members).toHaveLength(1);
    expect(members[0]!.sort()).toEqual([0, 1, 2, 3, 4, 5]);

    // Assistance: once the killed chatbot's open transaction has timed out (10 s), every
    // committed message is there once, one per visitor and profile, and no page (one visit's
    // socket) got one twice.
    await sleep(11_000);
    const messages: AssistanceMessage[] = (
      await readCommitted(
        pipeline.config.kafka.brokers,
        topicName(pipeline.config.kafka.topicPrefix, TOPIC.assistance),
        5_000,
      )
    ).map((value) => assistanceMessage.parse(JSON.parse(value.toString())));
    expect(messages.length).toBeGreaterThan(0);
    expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);
    const perVisitorProfile = new Set(messages.map((m) => `${m.visitor}:${m.profileId}`));
    expect(perVisitorProfile.size).toBe(messages.length);
    expect(received.size).toBeGreaterThan(0);
    expect([...received.values()].every((count) => count === 1)).toBe(true);
    console.log(
      `scale-out: ${acknowledged.size} events acknowledged (${atKill} before the kills), ` +
        `${messages.length} assistance messages, ${received.size} shown`,
    );
  });
});
