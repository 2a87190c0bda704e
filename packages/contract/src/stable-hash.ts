/**
 * FNV-1a, 32 bits: a stable hash of a string (the same string always gives the same number, in
 * every process and app). Partitioning, holdout groups and point timestamps rely on it.
 */
export function stableHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
