import type { Logger } from './logger.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `close` once when the process gets SIGTERM or SIGINT (a second signal changes nothing),
 * then exits: each app's graceful shutdown.
 */
export function closeOnSignal(logger: Logger, close: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

/**
 * Runs `attempt` until it succeeds, backing off exponentially up to 30 s: the servers an app
 * needs may come up after it (compose, a reboot), so it waits rather than exits.
 */
export async function retryUntilReady(
  logger: Logger,
  what: string,
  attempt: () => Promise<void>,
): Promise<void> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      logger.warn({ attempt: tries, err: String(error) }, `${what} not ready; retrying`);
      await sleep(Math.min(30_000, 500 * 2 ** tries));
    }
  }
}
