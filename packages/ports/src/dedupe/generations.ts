import type { IdClaim } from '../dedupe-port.js';

/**
 * Ids are kept in generations of DEDUPE_SCOPE_MS of ingest time. A claim looks in its own
 * generation and both neighbours, so an id repeated within the scope of its first arrival is
 * always found (the scope is between one and two generations long), and a whole generation is
 * dropped at once when it falls out of it.
 */
export const DEDUPE_SCOPE_MS = 48 * 3_600_000;

export const generationOf = (receivedAt: number): number =>
  Math.floor(receivedAt / DEDUPE_SCOPE_MS);

/** The generations a claim of `generation` reads, oldest first. */
export const generationsToRead = (generation: number): number[] => [
  generation - 1,
  generation,
  generation + 1,
];

/** Generations older than this one can be dropped at `now`. */
export const oldestKept = (now: number): number => generationOf(now) - 1;

/** How a claim is written down: the message that owns the id. */
export const ownerOf = (claim: Pick<IdClaim, 'partition' | 'offset'>): string =>
  `${claim.partition}:${claim.offset}`;

/**
 * The owner of an id from what the generations hold, oldest generation first: the earliest
 * claim wins, so two processors that raced on a generation boundary agree once both are written.
 */
export function earliestOwner(found: (string | undefined)[]): string | undefined {
  return found.find((owner) => owner !== undefined);
}
