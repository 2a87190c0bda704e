import { constants } from 'node:os';
import type { Logger } from './logger.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a shutdown may take by default before the process exits anyway. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/** Exit codes of a shutdown that did not go cleanly (0 when every step finished). */
export const SHUTDOWN_EXIT = {
  /** A close step threw; the steps after it still ran. */
  stepFailed: 1,
  /** The deadline passed with steps unfinished. */
  deadline: 124,
} as const;

/**
 * A signal repeated this soon after the first is the same request: a terminal's Ctrl-C reaches
 * both npm and the process, and npm passes it on.
 */
const REPEAT_WINDOW_MS = 1_000;

/** Named close steps, run one after another in the order given. */
export type CloseSteps = Record<string, () => unknown>;

/**
 * On SIGTERM or SIGINT, runs the close steps one after another (a step that throws is logged and
 * the next one still runs, so what can be flushed is), then exits: 0 when all finished, 1 when
 * one failed. A step that hangs (a store that does not answer) cannot keep the process alive:
 * after `timeoutMs` it logs the steps not finished and exits 124. A further signal, once a second
 * has passed, exits at once with 128 + its number, as an impatient operator expects.
 */
export function closeOnSignal(
  logger: Logger,
  steps: CloseSteps | (() => Promise<void>),
  options: { timeoutMs?: number } = {},
): void {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const named: [string, () => unknown][] =
    typeof steps === 'function' ? [['close', steps]] : Object.entries(steps);
  const finished = new Set<string>();
  const unfinished = () => named.map(([name]) => name).filter((name) => !finished.has(name));
  let running: string | undefined;
  let stoppingSince: number | undefined;

  const stop = async (signal: NodeJS.Signals) => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < REPEAT_WINDOW_MS) return;
      logger.warn({ signal, running, unfinished: unfinished() }, 'second signal; exiting now');
      process.exit(128 + constants.signals[signal]);
    }
    stoppingSince = Date.now();
    logger.info({ signal, timeoutMs }, 'shutting down');
    // Referenced on purpose: a step waiting on nothing would otherwise let the event loop empty
    // and the process end with 0 as if it had closed.
    setTimeout(() => {
      logger.error(
        { timeoutMs, running, unfinished: unfinished() },
        'shutdown did not finish in time; exiting',
      );
      process.exit(SHUTDOWN_EXIT.deadline);
    }, timeoutMs);
    const startedAt = Date.now();
    let failed = false;
    for (const [name, close] of named) {
      running = name;
      const stepStartedAt = Date.now();
      try {
        await close();
        logger.info({ step: name, ms: Date.now() - stepStartedAt }, 'closed');
      } catch (error) {
        failed = true;
        logger.error({ step: name, err: String(error) }, 'close step failed');
      }
      finished.add(name);
    }
    running = undefined;
    logger.info({ ms: Date.now() - startedAt, failed }, 'shut down');
    process.exit(failed ? SHUTDOWN_EXIT.stepFailed : 0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/**
 * Waits for a server's graceful close; if it has not finished after `graceMs` (a client stalled
 * mid-request, a socket that never answers its close frame), runs `force` to cut what is still
 * open and waits again. Graceful closes in Node and `ws` otherwise wait on clients for ever.
 */
export async function closeWithGrace(
  closing: Promise<unknown>,
  graceMs: number,
  force: () => void,
): Promise<void> {
  const graceOver = Symbol('grace over');
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<typeof graceOver>((resolve) => {
    timer = setTimeout(() => resolve(graceOver), graceMs);
  });
  try {
    if ((await Promise.race([closing, grace])) === graceOver) force();
    await closing;
  } finally {
    clearTimeout(timer);
  }
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
