import { z } from 'zod';
import { epochMs, siteKey } from '../primitives.js';

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

/** A tracked site, as configured in the admin app. */
export const siteConfig = z.object({
  key: siteKey,
  name: z.string().min(1).max(128),
  origins: z.array(allowedOrigin).max(100),
  createdAt: epochMs,
});

export type SiteConfig = z.infer<typeof siteConfig>;
