import { goal, type Goal } from '@sightline/contract';
import type { ConfigStore } from '@sightline/ports';

/** The id of a goal record: goals are per site, so ids only need to be unique there. */
export const goalRecordId = (site: string, id: string) => `${site}:${id}`;

/** Typed access to a site's goals; records that fail the schema are ignored. */
export class Goals {
  constructor(private readonly store: ConfigStore) {}

  list(site: string): Goal[] {
    return this.store
      .list('goal')
      .flatMap(({ value }) => {
        const parsed = goal.safeParse(value);
        return parsed.success && parsed.data.site === site ? [parsed.data] : [];
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  get(site: string, id: string): Goal | undefined {
    const parsed = goal.safeParse(this.store.get('goal', goalRecordId(site, id)));
    return parsed.success ? parsed.data : undefined;
  }

  /** Validates and stores a goal; throws with the schema's issues. */
  async put(value: unknown): Promise<Goal> {
    const parsed = goal.parse(value);
    await this.store.put('goal', goalRecordId(parsed.site, parsed.id), parsed);
    return parsed;
  }

  remove(site: string, id: string): Promise<void> {
    return this.store.remove('goal', goalRecordId(site, id));
  }
}
