import { uuid } from './ids.js';
import type { Store } from './store.js';

const SESSION_IDLE_MS = 30 * 60_000;

export interface Identity {
  _visitor: string;
  /** True for a visitor seen for the first time (first-visit flag of the first page view). */
  _first: boolean;
  /** The session id, renewed after 30 minutes without events in any tab. */
  _session: (now: number) => string;
}

export function createIdentity(store: Store): Identity {
  const known = store._get('sl_v');
  const visitor = known ?? uuid();
  store._set('sl_v', visitor);
  let session: string | undefined;
  let last = 0;
  return {
    _visitor: visitor,
    _first: !known,
    _session: (now) => {
      if (now - last > SESSION_IDLE_MS) {
        // Kept in storage, so every tab shares the session and keeps it alive.
        try {
          [session, last] = JSON.parse(store._get('sl_s')!) as [string, number];
        } catch {
          // none yet, or unreadable: a new session
        }
        if (now - last > SESSION_IDLE_MS) session = uuid();
      }
      // Writing at most every few seconds keeps storage off the hot path.
      if (now - last > 5_000) store._set('sl_s', JSON.stringify([session, now]));
      last = now;
      return session!;
    },
  };
}
