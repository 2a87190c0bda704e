import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBus, TOPIC, topicName, topicSpecs } from '@sightline/bus';
import { startChatbot, type Chatbot } from '@sightline/chatbot';
import { loadConfig } from '@sightline/config';
import { AlertRules, FileConfigStore, Profiles, Sites } from '@sightline/config-store';
import { readEventsTopicMessage, type CollectedEvent } from '@sightline/contract';
import { startIngest, type Ingest } from '@sightline/ingest';
import { createLogger, createMetrics } from '@sightline/observability';
import type { TrafficRun } from '@sightline/traffic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../../test/until.js';
import { seedDemo, startDemo } from '../src/demo/start-demo.js';

const logger = createLogger('demo-test', 'silent');
const config = loadConfig({ KAFKA_EVENTS_PARTITIONS: '4' });

describe('the demo on the single process’s bus', () => {
  let dir: string;
  let bus: EmbeddedBus;
  let store: FileConfigStore;
  let ingest: Ingest;
  let chatbot: Chatbot;
  let run: TrafficRun;
  const collected: CollectedEvent[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sightline-demo-'));
    bus = new EmbeddedBus({ topics: topicSpecs(config.kafka), logger });
    store = new FileConfigStore(join(dir, 'config.json'));
    await store.start();
    await bus.subscribe({
      topics: [topicName(config.kafka.topicPrefix, TOPIC.events)],
      group: `reader-${randomUUID()}`,
      fromBeginning: true,
      handleBatch: (batch) => {
        for (const message of batch.messages) {
          const read = readEventsTopicMessage(message.value);
          if (read.kind === 'events') collected.push(...read.events);
        }
        return Promise.resolve();
      },
    });
    ingest = await startIngest({
      bus,
      configStore: store,
      logger,
      registry: createMetrics('ingest'),
      secret: 'demo-test-secret',
      host: '127.0.0.1',
      port: 0,
      topicPrefix: config.kafka.topicPrefix,
      trustProxy: true,
      ipRate: config.ingest.ipRate,
      siteRate: config.ingest.siteRate,
      ops: { host: '127.0.0.1', port: 0 },
    });
    chatbot = await startChatbot({
      bus,
      configStore: store,
      logger,
      registry: createMetrics('chatbot'),
      topicPrefix: config.kafka.topicPrefix,
      settings: config.chatbot,
    });
    // A busy minute in a few seconds: 20 times real time.
    run = await startDemo({
      configStore: store,
      ingestUrl: ingest.url,
      visitsPerMinute: 300,
      speed: 20,
      logger,
    });
  });
  afterAll(async () => {
    await run?.stop();
    await ingest?.close();
    await chatbot?.close();
    await bus?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds its sites, profiles and alert rules', () => {
    expect(
      new Sites(store)
        .list()
        .map((s) => s.key)
        .sort(),
    ).toEqual(['shop', 'university']);
    const profiles = new Profiles(store).list();
    expect(profiles.filter((p) => p.site === 'university')).toHaveLength(4);
    expect(profiles.filter((p) => p.site === 'shop')).toHaveLength(2);
    expect(
      new AlertRules(store)
        .list('shop')
        .map((r) => r.id)
        .sort(),
    ).toEqual(['error-burst', 'traffic-spike']);
  });

  it('sends visits that ingest accepts whole, to both sites, over HTTP and the socket', async () => {
    await until(() => run.stats.eventsAccepted >= 1_500 && collected.length >= 1_500, {
      what: '1,500 demo events on the topic',
      timeoutMs: 60_000,
    });
    expect(run.stats.eventsRejected).toBe(0);
    expect(run.stats.eventsFailed).toBe(0);
    const sites = new Set(collected.map((e) => e.site));
    expect(sites).toEqual(new Set(['shop', 'university']));
    const types = new Set(collected.map((e) => e.type));
    for (const type of ['pageview', 'scroll', 'click', 'heartbeat', 'view_item'])
      expect(types).toContain(type);
    // Visitors come from several countries (their addresses) and devices; a few are crawlers.
    expect(new Set(collected.map((e) => e.country)).size).toBeGreaterThan(3);
    expect(new Set(collected.map((e) => e.device)).size).toBeGreaterThan(1);
    await until(() => collected.some((e) => e.bot), { what: 'a crawler among the visitors' });
    const metrics = await (await fetch(`http://127.0.0.1:${ingest.opsPort!}/metrics`)).text();
    expect(metrics).toMatch(/sightline_ingest_open_sockets\{[^}]*\} [1-9]/);
  });

  it('meets the assistant: university visitors get messages, and answer them', async () => {
    await until(() => run.stats.assistanceReceived >= 1, {
      what: 'an assistance message at a demo visitor',
      timeoutMs: 60_000,
    });
    await until(() => collected.some((e) => e.type === 'assistance_shown'), {
      what: 'the visitor telling that the message was shown',
    });
  });

  it('keeps what an owner changed when it starts again', async () => {
    const sites = new Sites(store);
    await sites.put({ ...sites.get('shop')!, name: 'My renamed shop' });
    await seedDemo(store);
    expect(sites.get('shop')!.name).toBe('My renamed shop');
  });
});
