import type { AlertStore } from './alerts-port.js';
import type { DeadLetterStore } from './dead-letters-port.js';
import type { DedupeStore } from './dedupe-port.js';
import type { EventStore } from './events-port.js';
import type { HitStore } from './hits-port.js';
import type { MetricsStore } from './metrics-port.js';
import type { SessionStore } from './sessions-port.js';
import type { WindowStore } from './windows-port.js';

/** Every store of one way to run, opened together: the apps take the ones they need from it. */
export interface StoreSet {
  events: EventStore;
  sessions: SessionStore;
  windows: WindowStore;
  hits: HitStore;
  alerts: AlertStore;
  metrics: MetricsStore;
  dedupe: DedupeStore;
  /** Records set aside: a table in the single process; a topic, kept without expiry, on Kafka. */
  deadLetters: Pick<DeadLetterStore, 'write' | 'summary'> &
    Partial<Pick<DeadLetterStore, 'expire'>>;
  /** Readiness checks by store name. */
  checks: Record<string, () => Promise<void>>;
  /** Creates what the stores need (indices, templates, tables), idempotently. */
  ensureSchemas(): Promise<void>;
  close(): Promise<void>;
}
