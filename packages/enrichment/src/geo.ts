import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Reader } from 'mmdb-lib';
import { boundedCache } from './bounded-cache.js';

interface CountryRecord {
  country_code?: string;
}

/**
 * Country of an IP address from the bundled, public-domain (CC0) IP-to-country database of
 * @ip-location-db (registry WHOIS and ASN data, updated with each release of the package).
 */
export function createCountryLookup(): (ip: string) => string | undefined {
  const path = createRequire(import.meta.url).resolve(
    '@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb',
  );
  const reader = new Reader(readFileSync(path));
  // Cached: a visitor's requests come from one address.
  const lookup = boundedCache(50_000, (ip: string) => {
    try {
      const code = (reader.get(ip) as CountryRecord | null)?.country_code;
      return code && /^[A-Z]{2}$/.test(code) ? code : '';
    } catch {
      return ''; // not an IP address
    }
  });
  return (ip) => lookup(ip) || undefined;
}
