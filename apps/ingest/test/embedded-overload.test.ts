import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Subscription } from '@sightline/ports';
import { EmbeddedBus, TOPIC, topicName, topicSpecs } from '@sightline/bus';
import { loadConfig } from '@sightline/config';
import { FileConfigStore, Sites } from '@sightline/config-store';
import { readEventsTopicMessage } from '@sightline/contract';
import { createLogger, createMetrics } from '@sightline/observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../../test/until.js';
import { startIngest, type Ingest } from '../src/index.js';
import { CHROME_UA } from './harness.js';

const logger = createLogger('overload-test', 'silent');
const config = loadConfig({ KAFKA_EVENTS_PARTITIONS: '2' });
const eventsTopic = topicName(config.kafka.topicPrefix, TOPIC.events);

describe('ingest on the single process’s bus when the consumers fall behind', () => {
  let dir: string;
  let bus: EmbeddedBus;
  let store: FileConfigStore;
  let ingest: Ingest;
  let consumer: Subscription;
  const stored: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sightline-overload-'));
    bus = new EmbeddedBus({ topics: topicSpecs(config.kafka), logger, backlogBytes: 200_000 });
    store = new FileConfigStore(join(dir, 'config.json'));
    await store.start();
    await new Sites(store).put({ key: 'shop', name: 'shop', origins: ['*'], createdAt: 0 });
    // Stands for the processor: a group that commits what it has handled.
    consumer = await bus.subscribe({
      topics: [eventsTopic],
      group: 'processor',
      commit: 'manual',
      handleBatch: (batch) => {
        for (const message of batch.messages) {
          const read = readEventsTopicMessage(message.value);
          if (read.kind === 'events') stored.push(...read.events.map((event) => event.id));
        }
        return Promise.resolve();
      },
    });
    ingest = await startIngest({
      bus,
      configStore: store,
      logger,
      registry: createMetrics('ingest'),
      secret: 'overload-test-secret',
      host: '127.0.0.1',
      port: 0,
      topicPrefix: config.kafka.topicPrefix,
      ipRate: 1_000_000,
      siteRate: 1_000_000,
    });
  });
  afterAll(async () => {
    await ingest?.close();
    await bus?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // A hundred visitors per batch: a message per visitor on the bus.
  const batchOf = (sender: string) =>
    Array.from({ length: 100 }, (_, i) => ({
      id: randomUUID(),
      type: 'pageview',
      visitor: `${sender}-${i}`,
      session: `${sender}-${i}-s`,
      ts: Date.now(),
      url: `http://shop.test/p/${i}`,
    }));
  const post = (events: { id: string }[]) =>
    fetch(`${ingest.url}/api/collect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': CHROME_UA },
      body: JSON.stringify({ site: 'shop', sentAt: Date.now(), events }),
    });

  it('answers 503 with Retry-After once the backlog is full, keeps answering, and loses nothing retried', async () => {
    consumer.pause();
    const acknowledged: string[] = [];
    const refused: { id: string }[][] = [];
    let answers: { status: number; retryAfter: string | null; error?: string }[] = [];
    // 40 batches of 100 events (some 30 KB each) must meet a limit of 200 KB.
    for (let i = 0; i < 40; i++) {
      const events = batchOf(`v-${i}`);
      const response = await post(events);
      const body = (await response.json()) as { error?: string };
      answers.push({
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        ...(body.error ? { error: body.error } : {}),
      });
      if (response.status === 200) acknowledged.push(...events.map((e) => e.id));
      else refused.push(events);
    }
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of answers.filter((a) => a.status !== 200))
      expect(answer).toEqual({ status: 503, retryAfter: '1', error: 'overloaded' });
    expect(acknowledged.length).toBeLessThan(4_000);
    const health = await fetch(`${ingest.url}/healthz`);
    expect(health.status).toBe(200);

    // The consumers catch up; a sender that retries gets every refused batch in.
    consumer.resume();
    answers = [];
    for (const events of refused) {
      let response = await post(events);
      while (response.status === 503) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        response = await post(events);
      }
      answers.push({ status: response.status, retryAfter: null });
      acknowledged.push(...events.map((e) => e.id));
    }
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await until(() => stored.length >= acknowledged.length, { timeoutMs: 10_000 });
    expect(stored.length).toBe(4_000);
    expect(new Set(stored)).toEqual(new Set(acknowledged));
  });
});
