import { funnel, type Funnel } from '@sightline/contract';
import type { ConfigStore } from '@sightline/ports';

/** The id of a funnel record: funnels are per site, so ids only need to be unique there. */
export const funnelRecordId = (site: string, id: string) => `${site}:${id}`;

/** Typed access to a site's funnels; records that fail the schema are ignored. */
export class Funnels {
  constructor(private readonly store: ConfigStore) {}

  list(site: string): Funnel[] {
    return this.store
      .list('funnel')
      .flatMap(({ value }) => {
        const parsed = funnel.safeParse(value);
        return parsed.success && parsed.data.site === site ? [parsed.data] : [];
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  get(site: string, id: string): Funnel | undefined {
    const parsed = funnel.safeParse(this.store.get('funnel', funnelRecordId(site, id)));
    return parsed.success ? parsed.data : undefined;
  }

  /** Validates and stores a funnel; throws with the schema's issues. */
  async put(value: unknown): Promise<Funnel> {
    const parsed = funnel.parse(value);
    await this.store.put('funnel', funnelRecordId(parsed.site, parsed.id), parsed);
    return parsed;
  }

  remove(site: string, id: string): Promise<void> {
    return this.store.remove('funnel', funnelRecordId(site, id));
  }
}
