import { createHash, randomBytes } from 'node:crypto';

/** A new secret for a cookie or an API key: 32 random bytes, URL-safe. */
export const newToken = (prefix = ''): string => prefix + randomBytes(32).toString('base64url');

/** What is stored instead of a token: its SHA-256 (tokens are random, so no salt is needed). */
export const tokenId = (token: string): string =>
  createHash('sha256').update(token).digest('base64url');
