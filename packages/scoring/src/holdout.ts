import { stableHash } from '@sightline/contract';

/**
 * Whether a visitor is in a profile's holdout: decided by a hash, so the same visitor is always
 * on the same side (across restarts and copies) and a share of visitors is held out.
 */
export const inHoldout = (visitor: string, profileId: string, share: number): boolean =>
  share > 0 && stableHash(`${profileId}:${visitor}`) / 2 ** 32 < share;
