import { createHash } from 'node:crypto';
import type { FunnelQuery } from '@sightline/ports';

/** What names a funnel's blocks: its site, steps, filters and bots rule (not its range). */
export const funnelKey = (query: FunnelQuery): string =>
  createHash('sha256')
    .update(
      JSON.stringify([query.site, query.steps, query.filters ?? [], query.includeBots === true]),
    )
    .digest('base64url');
