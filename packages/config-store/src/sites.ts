import { siteConfig, type SiteConfig } from '@sightline/contract';
import type { ConfigStore } from '@sightline/ports';

/** Typed access to the sites of a ConfigStore; records that fail the schema are ignored. */
export class Sites {
  /** Each stored record is checked once (ingest asks for a site on every request). */
  private readonly checked = new WeakMap<object, SiteConfig | null>();

  constructor(private readonly store: ConfigStore) {}

  get(key: string): SiteConfig | undefined {
    const record = this.store.get('site', key);
    if (typeof record !== 'object' || record === null) return undefined;
    let site = this.checked.get(record);
    if (site === undefined) {
      const parsed = siteConfig.safeParse(record);
      site = parsed.success ? parsed.data : null;
      this.checked.set(record, site);
    }
    return site ?? undefined;
  }

  list(): SiteConfig[] {
    return this.store.list('site').flatMap(({ value }) => {
      const parsed = siteConfig.safeParse(value);
      return parsed.success ? [parsed.data] : [];
    });
  }

  put(site: SiteConfig): Promise<void> {
    return this.store.put('site', site.key, siteConfig.parse(site));
  }

  remove(key: string): Promise<void> {
    return this.store.remove('site', key);
  }
}

/** Whether `origin` (e.g. "https://www.shop.example") is one the site allows. */
export function originAllowed(site: SiteConfig, origin: string): boolean {
  return site.origins.some((allowed) => {
    if (allowed === '*' || allowed === origin) return true;
    const wildcard = /^(https?:\/\/)\*\.(.+)$/.exec(allowed);
    if (!wildcard) return false;
    const [, scheme, domain] = wildcard;
    return origin.startsWith(scheme!) && origin.slice(scheme!.length).endsWith(`.${domain}`);
  });
}
