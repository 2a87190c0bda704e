import { test as base, type Page } from '@playwright/test';
import { TOPIC, topicName } from '@sightline/bus';
import { loadConfig } from '@sightline/config';
import { Sites } from '@sightline/config-store';
import { readEventsTopicMessage, type CollectedEvent } from '@sightline/contract';
import { startIngest, type Ingest } from '@sightline/ingest';
import { createLogger, createMetrics } from '@sightline/observability';
import { openDistributed } from '@sightline/runtime/distributed';
import { Kafka, logLevel } from 'kafkajs';
import { services, uniqueName } from '../../../test/integration/services.js';
import { startSiteServer } from '../../../test/site/site-server.js';
import { DESKTOP_UA } from '../../../test/site/user-agent.js';

export interface Stack {
  ingest: Ingest;
  siteUrl: string;
  /** Everything that reached the events topic. */
  events: CollectedEvent[];
  publishAssistance(message: object): Promise<void>;
}

/**
 * Per worker: ingest on real Kafka with topics of its own, the test site on another origin, and
 * a consumer recording every event on the events topic.
 */
export const test = base.extend<
  { visitorEvents: (page: Page) => Promise<() => CollectedEvent[]> },
  { stack: Stack }
>({
  stack: [
    // Playwright fixtures name what they depend on in an object pattern; this one needs nothing.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const prefix = `${uniqueName('e2e')}.`;
      const config = loadConfig({
        KAFKA_BROKERS: services.kafkaBrokers.join(','),
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_EVENTS_PARTITIONS: '2',
      });
      const { kafka } = config;
      const logger = createLogger('e2e', 'silent');
      // Ingest's parts as its own process opens them.
      const { bus, configStore, closers } = await openDistributed(config, logger, 'e2e');
      const ingest = await startIngest({
        bus,
        configStore,
        logger,
        registry: createMetrics('e2e'),
        secret: 'e2e',
        host: '127.0.0.1',
        port: 0,
        topicPrefix: prefix,
      });
      const site = await startSiteServer(ingest.url);
      await new Sites(configStore).put({
        key: 'e2e',
        name: 'E2E',
        origins: [site.url],
        createdAt: Date.now(),
      });

      const events: CollectedEvent[] = [];
      const client = new Kafka({ brokers: kafka.brokers, logLevel: logLevel.NOTHING });
      const consumer = client.consumer({ groupId: uniqueName('e2e-probe'), maxWaitTimeInMs: 50 });
      await consumer.connect();
      await consumer.subscribe({ topic: topicName(prefix, TOPIC.events), fromBeginning: true });
      await consumer.run({
        eachMessage: ({ message }) => {
          const read = readEventsTopicMessage(message.value!);
          if (read.kind === 'events') events.push(...read.events);
          return Promise.resolve();
        },
      });
      const producer = client.producer();
      await producer.connect();

      await use({
        ingest,
        siteUrl: site.url,
        events,
        publishAssistance: async (message) => {
          await producer.send({
            topic: topicName(prefix, TOPIC.assistance),
            messages: [{ key: 'k', value: JSON.stringify(message) }],
          });
        },
      });

      await consumer.disconnect();
      await producer.disconnect();
      await site.close();
      await ingest.close();
      for (const close of Object.values(closers)) await close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  context: async ({ browser }, use) => {
    const context = await browser.newContext({
      userAgent: DESKTOP_UA,
      viewport: { width: 1280, height: 720 },
    });
    await use(context);
    await context.close();
  },
  /** The events of the visitor this page belongs to (read from the tracker's storage). */
  visitorEvents: async ({ stack }, use) => {
    await use(async (page: Page) => {
      const visitor = await page.evaluate(() => localStorage.getItem('sl_v'));
      return () => stack.events.filter((event) => event.visitor === visitor);
    });
  },
});

export { expect } from '@playwright/test';
