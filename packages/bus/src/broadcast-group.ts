import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * A consumer group of this process alone, for a reader that must see every message of a topic
 * (every ingest node, every admin app copy): used with `commit: 'none'`, so it starts at the end
 * each time and leaves nothing behind to resume.
 */
export const broadcastGroup = (name: string): string =>
  `${name}-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
