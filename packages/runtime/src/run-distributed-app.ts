import type { Config } from '@sightline/config';
import type { CloseSteps, Logger } from '@sightline/observability';
import type { StoreChoice, StoresOf } from './distributed-stores.js';
import { openDistributed } from './open-distributed.js';
import type { PartsWithStores } from './parts.js';
import { runMain } from './run-main.js';

/** What an app of the distributed mode that reads or writes the stores starts with. */
export type DistributedApp<C extends StoreChoice = 'all'> = Omit<
  PartsWithStores<StoresOf<C>>,
  'closers'
> & {
  config: Config;
  logger: Logger;
};

/**
 * Runs an app that uses the stores as its own process (`runMain`): its parts are opened first —
 * Kafka, the configuration and the stores it names (all, or Elasticsearch's alone), waited for
 * when not up yet — and closed after the app's own close steps.
 */
export function runDistributedApp<C extends StoreChoice>(
  app: string,
  stores: C,
  start: (parts: DistributedApp<C>) => Promise<CloseSteps>,
): void {
  runMain(app, async (config, logger) => {
    const { closers, ...parts } = await openDistributed(config, logger, app, { stores });
    return { ...(await start({ ...parts, config, logger })), ...closers };
  });
}
