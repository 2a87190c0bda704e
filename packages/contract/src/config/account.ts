import { z } from 'zod';
import { epochMs } from '../primitives.js';

/** Owners change settings; viewers read dashboards and data. */
export const ROLES = ['owner', 'viewer'] as const;
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;

export const email = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** A person who can sign in to the admin app. The password is only ever stored hashed. */
export const userRecord = z.object({
  email,
  name: z.string().min(1).max(128),
  role,
  /** scrypt$N$r$p$salt$hash (base64). */
  passwordHash: z.string().min(1).max(512),
  createdAt: epochMs,
});
export type UserRecord = z.infer<typeof userRecord>;

/**
 * A signed-in browser. Stored under the SHA-256 of the cookie's token, so the shared
 * configuration never holds a token that could be used.
 */
export const loginSession = z.object({
  user: email,
  createdAt: epochMs,
  expiresAt: epochMs,
});
export type LoginSession = z.infer<typeof loginSession>;

/** A key for the HTTP API; stored under the SHA-256 of the key, shown once at creation. */
export const apiKeyRecord = z.object({
  name: z.string().min(1).max(128),
  role,
  /** The first characters of the key, to tell keys apart in lists. */
  prefix: z.string().min(1).max(16),
  createdBy: email,
  createdAt: epochMs,
});
export type ApiKeyRecord = z.infer<typeof apiKeyRecord>;
