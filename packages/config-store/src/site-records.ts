import type { ConfigKind, ConfigStore } from '@sightline/ports';
import type { z } from 'zod';

/** The id of a per-site record: ids only need to be unique within their site. */
export const siteRecordId = (site: string, id: string) => `${site}:${id}`;

/**
 * Typed access to one kind of a site's records (goals, funnels, profiles, alert rules): records
 * that fail the schema are ignored; a record is validated, with its defaults filled in, before
 * it is stored.
 */
export class SiteRecords<T extends { site: string; id: string; name: string }, Input = T> {
  constructor(
    private readonly store: ConfigStore,
    private readonly kind: ConfigKind,
    private readonly schema: z.ZodType<T, Input>,
    private readonly options: { byName?: boolean } = {},
  ) {}

  /** A site's records, or every site's (by name when so made). */
  list(site?: string): T[] {
    const records = this.store.list(this.kind).flatMap(({ value }) => {
      const parsed = this.schema.safeParse(value);
      return parsed.success && (site === undefined || parsed.data.site === site)
        ? [parsed.data]
        : [];
    });
    return this.options.byName ? records.sort((a, b) => a.name.localeCompare(b.name)) : records;
  }

  get(site: string, id: string): T | undefined {
    const parsed = this.schema.safeParse(this.store.get(this.kind, siteRecordId(site, id)));
    return parsed.success ? parsed.data : undefined;
  }

  /** Validates and stores a record; throws with the schema's issues. */
  async put(value: Input): Promise<T> {
    const parsed = this.schema.parse(value);
    await this.store.put(this.kind, siteRecordId(parsed.site, parsed.id), parsed);
    return parsed;
  }

  remove(site: string, id: string): Promise<void> {
    return this.store.remove(this.kind, siteRecordId(site, id));
  }

  /** Calls `listener` after any record of this kind changed. */
  onChange(listener: () => void): () => void {
    return this.store.onChange((change) => {
      if (change.kind === this.kind) listener();
    });
  }
}
