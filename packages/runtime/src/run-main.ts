import { ConfigError, loadConfig, type Config } from '@sightline/config';
import {
  closeOnSignal,
  createLogger,
  type CloseSteps,
  type Logger,
} from '@sightline/observability';

/**
 * Runs an app as its own process: reads the configuration from the environment, makes the
 * app's logger, starts it, and on SIGTERM or SIGINT runs the close steps it returns (the app
 * first, then its parts) within `SHUTDOWN_TIMEOUT_MS`. A start that returns nothing closes
 * nothing here (a supervisor of workers). A bad configuration is printed plainly, without a
 * stack trace, as is any other failure to start; either exits 1.
 */
export function runMain(
  app: string,
  start: (config: Config, logger: Logger) => Promise<CloseSteps | undefined>,
): void {
  const run = async () => {
    const config = loadConfig();
    const logger = createLogger(app, config.logLevel, config.logFormat);
    const steps = await start(config, logger);
    if (steps) closeOnSignal(logger, steps, { timeoutMs: config.shutdownTimeoutMs });
  };
  run().catch((error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
