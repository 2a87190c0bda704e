import { funnel, type Funnel } from '@sightline/contract';
import type { ConfigStore } from '@sightline/ports';
import { SiteRecords } from './site-records.js';

/** A site's funnels, by name. */
export class Funnels extends SiteRecords<Funnel> {
  constructor(store: ConfigStore) {
    super(store, 'funnel', funnel, { byName: true });
  }
}
