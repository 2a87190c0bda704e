import { randomUUID } from 'node:crypto';
import type { DedupeStore, IdClaim } from '@sightline/ports';

/**
 * The ledger's claim rate as the processor uses it: rounds of one claim of `batchSize` ids never
 * seen before (what live traffic brings), arriving now. The ids are made beforehand: only the
 * ledger is timed. Returns ids claimed per second.
 */
export async function probeClaims(
  ledger: DedupeStore,
  options: { rounds: number; batchSize: number; firstOffset: number },
): Promise<number> {
  const now = Date.now();
  let offset = options.firstOffset;
  const rounds: IdClaim[][] = Array.from({ length: options.rounds }, () =>
    Array.from({ length: options.batchSize }, () => ({
      id: randomUUID(),
      partition: offset % 6,
      offset: offset++,
      receivedAt: now,
    })),
  );
  const started = performance.now();
  for (const claims of rounds) await ledger.claim(claims);
  const seconds = (performance.now() - started) / 1_000;
  return Math.round((options.rounds * options.batchSize) / seconds);
}
