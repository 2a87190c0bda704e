import { profileConfig, type ProfileConfig, type ProfileInput } from '@sightline/contract';
import type { ConfigStore } from '@sightline/ports';

/** The id of a profile record: profiles are per site, so ids only need to be unique there. */
export const profileRecordId = (site: string, id: string) => `${site}:${id}`;

/** Typed access to the assistant's profiles; records that fail the schema are ignored. */
export class Profiles {
  constructor(private readonly store: ConfigStore) {}

  list(): ProfileConfig[] {
    return this.store.list('profile').flatMap(({ value }) => {
      const parsed = profileConfig.safeParse(value);
      return parsed.success ? [parsed.data] : [];
    });
  }

  get(site: string, id: string): ProfileConfig | undefined {
    const parsed = profileConfig.safeParse(this.store.get('profile', profileRecordId(site, id)));
    return parsed.success ? parsed.data : undefined;
  }

  /** Validates (defaults filled in) and stores a profile; throws with the schema's issues. */
  put(profile: ProfileInput): Promise<void> {
    const parsed = profileConfig.parse(profile);
    return this.store.put('profile', profileRecordId(parsed.site, parsed.id), parsed);
  }

  remove(site: string, id: string): Promise<void> {
    return this.store.remove('profile', profileRecordId(site, id));
  }

  /** Calls `listener` after any profile changed. */
  onChange(listener: () => void): () => void {
    return this.store.onChange((change) => {
      if (change.kind === 'profile') listener();
    });
  }
}
