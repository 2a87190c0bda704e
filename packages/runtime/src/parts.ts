import type { Bus, ConfigStore, StoreSet } from '@sightline/ports';

/** What an app runs on: the bus and the configuration, opened and ready. */
export interface Parts {
  bus: Bus;
  configStore: ConfigStore;
  /** Closes what was opened, in this order (for closeOnSignal, after the app itself). */
  closers: Record<string, () => Promise<unknown>>;
}

/** The parts of an app that reads or writes the stores too. */
export interface PartsWithStores<S extends Partial<StoreSet> = StoreSet> extends Parts {
  stores: S;
}
