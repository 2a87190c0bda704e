/** FNV-1a of a string, as an unsigned 32-bit number. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Whether a visitor is in a profile's holdout: decided by a hash, so the same visitor is always
 * on the same side (across restarts and copies) and a share of visitors is held out.
 */
export const inHoldout = (visitor: string, profileId: string, share: number): boolean =>
  share > 0 && fnv1a(`${profileId}:${visitor}`) / 2 ** 32 < share;
