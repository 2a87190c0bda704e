import cluster from 'node:cluster';
import { createMetrics, SHUTDOWN_EXIT, type Logger } from '@sightline/observability';
import { openDistributed, runMain } from '@sightline/runtime/distributed';
import { startIngest } from './app.js';
import { ingestSettings } from './ingest-settings.js';

/**
 * With INGEST_WORKERS > 1 this process only supervises: it forks the workers, which share the
 * port (the cluster module hands connections round robin), and replaces any that dies.
 */
function supervise(workers: number, logger: Logger, timeoutMs: number): void {
  for (let i = 0; i < workers; i++) cluster.fork();
  const running = () =>
    Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
  let stopping = false;
  // The first worker's failure, as the supervisor's own exit code.
  let exitCode = 0;
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (exitCode === 0 && code !== 0) exitCode = code ?? SHUTDOWN_EXIT.stepFailed;
      if (running().length === 0) process.exit(exitCode);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'ingest worker died; starting another');
    cluster.fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    // Passed on every time: a worker takes a second signal as "exit now".
    for (const worker of running()) worker.process.kill(signal);
    if (stopping) return;
    stopping = true;
    // Each worker keeps its own deadline; this one only catches a worker that somehow does not.
    setTimeout(() => {
      logger.error(
        { pids: running().map((worker) => worker.process.pid) },
        'ingest workers still running past the shutdown deadline; killing them',
      );
      for (const worker of running()) worker.process.kill('SIGKILL');
      process.exit(SHUTDOWN_EXIT.deadline);
    }, timeoutMs + 1_000);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** Ingest as its own process, against Kafka (distributed mode). */
runMain('ingest', async (config, logger) => {
  if (config.ingest.workers > 1 && cluster.isPrimary) {
    supervise(config.ingest.workers, logger, config.shutdownTimeoutMs);
    return;
  }
  // Started beside Kafka (or before it), ingest waits for it as the other apps do.
  const { bus, configStore, closers } = await openDistributed(config, logger, 'ingest');
  const ingest = await startIngest({
    bus,
    configStore,
    logger,
    registry: createMetrics('ingest'),
    // Workers share the operations port as they share the public one (each scrape reads one).
    ...ingestSettings(config),
    // One clock per machine is plenty: only the first worker ticks.
    clockMs: cluster.isWorker && cluster.worker?.id !== 1 ? 0 : config.ingest.clockMs,
  });

  // Graceful: stop taking requests, flush what the bus has not acknowledged yet, then leave.
  return { ingest: () => ingest.close(), ...closers };
});
