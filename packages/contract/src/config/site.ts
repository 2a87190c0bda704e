import { z } from 'zod';
import { epochMs, siteKey } from '../primitives.js';
import { siteRetention } from './retention.js';

/**
 * Where a site's pages may send from: an exact origin ("https://shop.example"), any subdomain
 * ("https://*.shop.example"), or "*" for anywhere.
 */
export const allowedOrigin = z
  .string()
  .max(256)
  .regex(
    /^(\*|https?:\/\/(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?)$/,
    'expected *, or an origin such as https://shop.example',
  );

/** A URL query parameter name, as a site lists those it wants never stored. */
export const queryParamName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected a query parameter name such as customer_id');

/** A tracked site, as configured in the admin app. */
export const siteConfig = z.object({
  key: siteKey,
  name: z.string().min(1).max(128),
  origins: z.array(allowedOrigin).max(100),
  /**
   * Query parameters whose values ingest replaces by "redacted" in every URL of this site's
   * events, besides those it always redacts (tokens, passwords, e-mail addresses, …).
   */
  scrubParams: z.array(queryParamName).max(50).optional(),
  /**
   * The site's paths ignore case (`/About` is `/about`): the assistant then compares paths
   * without it. Index files and trailing slashes are always one page (`/x/index.html` is `/x`).
   */
  pathsIgnoreCase: z.boolean().optional(),
  /** How long this site's data is kept, where it differs from the installation's defaults. */
  retention: siteRetention.optional(),
  createdAt: epochMs,
});

export type SiteConfig = z.infer<typeof siteConfig>;
