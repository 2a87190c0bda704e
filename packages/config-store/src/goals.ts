import { goal, type Goal } from '@sightline/contract';
import type { ConfigStore } from '@sightline/ports';
import { SiteRecords } from './site-records.js';

/** A site's goals, by name. */
export class Goals extends SiteRecords<Goal> {
  constructor(store: ConfigStore) {
    super(store, 'goal', goal, { byName: true });
  }
}
