import { ConfigError, loadConfig } from '@sightline/config';
import { createLogger } from '@sightline/observability';
import { startWebServer } from './web-server.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('sightline', config.logLevel);
  const web = await startWebServer({ host: config.host, port: config.ports.web });
  logger.info({ url: `http://${config.host}:${config.ports.web}` }, 'admin app listening');
  process.stdout.write(`\n  Sightline is running: http://localhost:${config.ports.web}\n\n`);

  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    web.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // A bad configuration is the user's to fix: print it plainly, without a stack trace.
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
