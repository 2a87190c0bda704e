import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPIC, topicName } from '@sightline/bus';
import { startAlerter } from '@sightline/alerter';
import { startChatbot } from '@sightline/chatbot';
import { loadConfig } from '@sightline/config';
import { Sites, watchErasures } from '@sightline/config-store';
import { encodeEventsMessage } from '@sightline/contract';
import { startIngest } from '@sightline/ingest';
import { createLogger, createMetrics } from '@sightline/observability';
import { startProcessor } from '@sightline/processor';
import { distributedStores, openDistributed } from '@sightline/runtime/distributed';
import { openEmbedded } from '@sightline/runtime/embedded';
import { startWebServer } from '@sightline/web/server';
import { services, uniqueName } from '../../../test/integration/services.js';
import { startSiteServer } from '../../../test/site/site-server.js';
import { collectedEvent } from '../../../test/streams/collected-event.js';

export interface Stack {
  webUrl: string;
  ingestUrl: string;
  siteUrl: string;
  /** Writes a page of the tracked site with the tag of `site`. */
  page(name: string, site: string, title: string): void;
  /**
   * Puts on the events topic, past ingest, an event of `site` no store can hold (its time lies
   * in the year 1053): the processor sets it aside as a dead letter.
   */
  publishUnstorable(site: string): Promise<string>;
  /** Runs the processor's retention sweep now, its clock moved `aheadMs` forward. */
  sweepRetention(aheadMs: number): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export type Mode = 'distributed' | 'embedded';

/**
 * The product in this process: ingest, the processor, the chatbot, the alerter and the admin
 * app, and a static site on another origin whose pages the test writes. Distributed: on the real Kafka,
 * Elasticsearch and InfluxDB, with topics, indices and a database of their own. Embedded: on the
 * embedded bus, DuckDB and a configuration file under a data folder of its own, as `npm start`
 * runs. Both are opened as the apps open them (`@sightline/runtime`).
 */
export async function startStack(mode: Mode = 'distributed'): Promise<Stack> {
  const name = uniqueName('web');
  const dataDir = mkdtempSync(join(tmpdir(), 'sightline-data-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    KAFKA_BROKERS: services.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: `${name}.`,
    KAFKA_EVENTS_PARTITIONS: '2',
    ELASTICSEARCH_URL: services.elasticsearchUrl,
    ELASTICSEARCH_INDEX_PREFIX: name,
    INFLUXDB_URL: services.influxdbUrl,
    INFLUXDB_DATABASE: name.replaceAll('-', '_'),
    PROCESSOR_GROUP: name,
    CHATBOT_GROUP: `${name}-chatbot`,
    ALERTER_GROUP: `${name}-alerter`,
    // The tests' webhook receivers listen on this machine, as an allowed intranet host.
    WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1',
  });
  const prefix = config.kafka.topicPrefix;
  const logger = createLogger('e2e', process.env.E2E_LOG === '1' ? 'error' : 'silent');
  const { bus, configStore, stores, closers } =
    mode === 'embedded'
      ? await openEmbedded(config, logger)
      : await openDistributed(config, logger, 'e2e', { stores: 'all' });
  // Distributed, the admin app has clients of its own, as its process would.
  const webStores = mode === 'embedded' ? stores : distributedStores(config, bus, logger);
  const ingest = await startIngest({
    bus,
    configStore,
    logger,
    registry: createMetrics('e2e-ingest'),
    secret: 'e2e',
    host: '127.0.0.1',
    port: 0,
    topicPrefix: prefix,
  });
  const sites = new Sites(configStore);
  /** How far the retention sweep's clock runs ahead (moved by sweepRetention). */
  let clockAheadMs = 0;
  const processor = await startProcessor({
    bus,
    stores,
    logger,
    registry: createMetrics('e2e-processor'),
    topicPrefix: prefix,
    settings: config.processor,
    retention: {
      sites: () => sites.list(),
      stores,
      settings: config.retention,
      now: () => Date.now() + clockAheadMs,
    },
    erasures: watchErasures(configStore),
  });
  const chatbot = await startChatbot({
    bus,
    configStore,
    logger,
    registry: createMetrics('e2e-chatbot'),
    topicPrefix: prefix,
    settings: config.chatbot,
    hits: { store: stores.hits },
  });
  const alerter = await startAlerter({
    bus,
    configStore,
    stores,
    logger,
    registry: createMetrics('e2e-alerter'),
    topicPrefix: prefix,
    settings: config.alerts,
  });
  const web = await startWebServer({
    bus,
    configStore,
    stores: webStores,
    alerting: config.alerts,
    retention: config.retention,
    logger,
    registry: createMetrics('e2e-web'),
    topicPrefix: prefix,
    ingestPublicUrl: ingest.url,
    host: '127.0.0.1',
    port: 0,
  });
  const pages = mkdtempSync(join(tmpdir(), 'sightline-site-'));
  const site = await startSiteServer(ingest.url, pages);
  return {
    webUrl: web.url,
    ingestUrl: ingest.url,
    siteUrl: site.url,
    page(file, key, title) {
      writeFileSync(
        join(pages, file),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
          `<script defer src="{{INGEST}}/sightline.js" data-site="${key}"></script></head>` +
          `<body><h1>A page</h1><p>Text.</p></body></html>`,
      );
    },
    async publishUnstorable(siteKey) {
      const id = randomUUID();
      await bus.publish(topicName(prefix, TOPIC.events), [
        {
          key: `${siteKey}:poisoned-visitor`,
          value: encodeEventsMessage([
            collectedEvent({
              id,
              visitor: 'poisoned-visitor',
              ts: -29_000_000_000_000,
              url: 'https://poison.example/',
              site: siteKey,
            }),
          ]),
        },
      ]);
      return id;
    },
    sweepRetention(aheadMs) {
      clockAheadMs = aheadMs;
      return processor.sweepRetention!();
    },
    async close() {
      await site.close();
      await web.close();
      await ingest.close();
      await processor.close();
      await chatbot.close();
      await alerter.close();
      if (webStores !== stores) await webStores.close();
      for (const close of Object.values(closers)) await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
