import { profileConfig, type ProfileConfig, type ProfileInput } from '@sightline/contract';
import type { ConfigStore } from '@sightline/ports';
import { SiteRecords } from './site-records.js';

/** The assistant's profiles, every site's or one site's. */
export class Profiles extends SiteRecords<ProfileConfig, ProfileInput> {
  constructor(store: ConfigStore) {
    super(store, 'profile', profileConfig);
  }
}
