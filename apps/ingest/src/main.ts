import cluster from 'node:cluster';
import { KafkaBus, TOPIC, topicName } from '@sightline/bus';
import { ConfigError, loadConfig } from '@sightline/config';
import { BusConfigStore } from '@sightline/config-store';
import { closeOnSignal, createLogger, createMetrics } from '@sightline/observability';
import { startIngest } from './app.js';
import { resolveSecret } from './secret.js';

/**
 * With INGEST_WORKERS > 1 this process only supervises: it forks the workers, which share the
 * port (the cluster module hands connections round robin), and replaces any that dies.
 */
function supervise(workers: number, logger: ReturnType<typeof createLogger>): void {
  for (let i = 0; i < workers; i++) cluster.fork();
  let stopping = false;
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'ingest worker died; starting another');
    cluster.fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/** Ingest as its own process, against Kafka (distributed mode). */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('ingest', config.logLevel);
  if (config.ingest.workers > 1 && cluster.isPrimary) {
    supervise(config.ingest.workers, logger);
    return;
  }
  const bus = new KafkaBus({ config: config.kafka, logger, clientSuffix: 'ingest' });
  await bus.ensureTopics();
  const configStore = new BusConfigStore(
    bus,
    topicName(config.kafka.topicPrefix, TOPIC.config),
    logger,
  );
  await configStore.start();
  const ingest = await startIngest({
    bus,
    configStore,
    logger,
    registry: createMetrics('ingest'),
    secret: resolveSecret(config.secret, config.dataDir),
    host: config.host,
    port: config.ports.ingest,
    topicPrefix: config.kafka.topicPrefix,
    trustProxy: config.ingest.trustProxy,
    ipRate: config.ingest.ipRate,
    siteRate: config.ingest.siteRate,
    // One clock per machine is plenty: only the first worker ticks.
    clockMs: cluster.isWorker && cluster.worker?.id !== 1 ? 0 : config.ingest.clockMs,
  });

  // Graceful: stop taking requests, flush what the bus has not acknowledged yet, then leave.
  closeOnSignal(logger, async () => {
    await ingest.close();
    await configStore.close();
    await bus.close();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
