import { startAlerter } from '@sightline/alerter';
import { startChatbot } from '@sightline/chatbot';
import { appSettings } from '@sightline/config';
import { Sites, watchErasures } from '@sightline/config-store';
import { ingestSettings, startIngest } from '@sightline/ingest';
import { createMetrics } from '@sightline/observability';
import { startProcessor } from '@sightline/processor';
import { openEmbedded, runMain } from '@sightline/runtime/embedded';
import { startWebServer, webSettings } from '@sightline/web/server';
import { startDemo } from './demo/start-demo.js';
import { storeMemoryMetric } from './store-memory-metric.js';

/** Sightline in one process: every app on the embedded bus and the stores under DATA_DIR. */
runMain('sightline', async (config, logger) => {
  const { bus, configStore, stores, closers } = await openEmbedded(config, logger);
  const sites = new Sites(configStore);

  const ingest = await startIngest({
    bus,
    configStore,
    logger: logger.child({ app: 'ingest' }),
    registry: createMetrics('ingest'),
    ...ingestSettings(config),
    // The demo's visitors say where they are from in X-Forwarded-For (countries on the map).
    trustProxy: config.ingest.trustProxy || config.demoVisitsPerMinute > 0,
    // The only ingest: assistance decided before a restart is still delivered after it.
    assistanceGroup: 'ingest-assistance',
  });
  const processor = await startProcessor({
    bus,
    stores,
    logger: logger.child({ app: 'processor' }),
    registry: storeMemoryMetric(createMetrics('processor'), stores),
    // Health, readiness and metrics of each app on its own port, as when they run apart.
    ...appSettings(config, config.processor, config.ports.processor),
    retention: { sites: () => sites.list(), stores, settings: config.retention },
    erasures: watchErasures(configStore),
  });
  const chatbot = await startChatbot({
    bus,
    configStore,
    logger: logger.child({ app: 'chatbot' }),
    registry: createMetrics('chatbot'),
    ...appSettings(config, config.chatbot, config.ports.chatbot),
    hits: { store: stores.hits },
  });
  const alerter = await startAlerter({
    bus,
    configStore,
    stores,
    logger: logger.child({ app: 'alerter' }),
    registry: createMetrics('alerter'),
    ...appSettings(config, config.alerts, config.ports.alerter),
  });
  const web = await startWebServer({
    bus,
    configStore,
    stores,
    logger: logger.child({ app: 'web' }),
    registry: createMetrics('web'),
    ...webSettings(config),
  });
  logger.info(
    { web: `http://${config.host}:${config.ports.web}`, ingest: ingest.url },
    'sightline started',
  );
  process.stdout.write(
    `\n  Sightline is running\n    admin app  http://localhost:${web.port}\n    ingest     http://localhost:${ingest.port}\n  Readiness and metrics (keep these ports private)\n    admin app  http://localhost:${web.opsPort}/metrics\n    ingest     http://localhost:${ingest.opsPort}/metrics\n    processor  http://localhost:${processor.opsPort}/metrics\n    chatbot    http://localhost:${chatbot.opsPort}/metrics\n    alerter    http://localhost:${alerter.opsPort}/metrics\n\n`,
  );

  const demo =
    config.demoVisitsPerMinute > 0
      ? await startDemo({
          configStore,
          // Any interface includes loopback; a specific one is reached at its own address.
          ingestUrl: ['0.0.0.0', '::'].includes(config.host)
            ? `http://127.0.0.1:${ingest.port}`
            : ingest.url,
          visitsPerMinute: config.demoVisitsPerMinute,
          logger: logger.child({ app: 'demo' }),
        })
      : undefined;
  if (demo)
    process.stdout.write(
      `  Demo: ${config.demoVisitsPerMinute} simulated visits a minute to the sites "shop" and "university"\n\n`,
    );

  // Edges first (no new work), then the consumers flush, then the bus and the stores.
  return {
    demo: () => demo?.stop(),
    ingest: () => ingest.close(),
    web: () => web.close(),
    processor: () => processor.close(),
    chatbot: () => chatbot.close(),
    alerter: () => alerter.close(),
    ...closers,
  };
});
