import type { IdClaim } from '../dedupe-port.js';
import { generationOf, ownerOf } from './generations.js';

export interface ClaimDecisions {
  /** Per claim, in order: whether its message owns the id. */
  owned: boolean[];
  /** New claims to write down, each into the generation of its ingest time. */
  toWrite: { generation: number; id: string; owner: string }[];
}

/**
 * Decides a batch of claims from the owners already written (`existing`, by id): an id with an
 * owner belongs to it; an id without one goes to the first claim of the batch that names it.
 */
export function decideClaims(claims: IdClaim[], existing: Map<string, string>): ClaimDecisions {
  const owners = new Map(existing);
  const toWrite: ClaimDecisions['toWrite'] = [];
  const owned = claims.map((claim) => {
    const mine = ownerOf(claim);
    const owner = owners.get(claim.id);
    if (owner !== undefined) return owner === mine;
    owners.set(claim.id, mine);
    toWrite.push({ generation: generationOf(claim.receivedAt), id: claim.id, owner: mine });
    return true;
  });
  return { owned, toWrite };
}
