/** The kinds of configuration records; each is keyed by an id within its kind. */
export const CONFIG_KINDS = [
  'site',
  'user',
  'session',
  'profile',
  'alert-rule',
  'channel',
  'api-key',
  'goal',
  'funnel',
  'erasure',
] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

export interface ConfigChange {
  kind: ConfigKind;
  id: string;
  /** The new value, or undefined when the record was deleted. */
  value: unknown;
}

/**
 * Configuration shared by every service. Reads are from memory (every process holds the whole
 * configuration); writes return once the change is durable and visible in this process.
 */
export interface ConfigStore {
  /** Loads everything; resolves once the store has caught up with all past changes. */
  start(): Promise<void>;
  get(kind: ConfigKind, id: string): unknown;
  list(kind: ConfigKind): { id: string; value: unknown }[];
  put(kind: ConfigKind, id: string, value: unknown): Promise<void>;
  remove(kind: ConfigKind, id: string): Promise<void>;
  /** Calls `listener` on every change, whoever made it; returns the unsubscribe function. */
  onChange(listener: (change: ConfigChange) => void): () => void;
  close(): Promise<void>;
}
