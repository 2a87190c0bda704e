/** Below this, the gap between browser and server clocks is network latency, not skew. */
const TOLERANCE_MS = 5_000;

/**
 * Event time on the server's clock: a browser whose clock is off (by more than the tolerance)
 * has all its timestamps moved by the difference between its send time and our receive time.
 * Events never land in the future.
 */
export function correctTimestamp(
  clientTs: number,
  sentAt: number | undefined,
  receivedAt: number,
): number {
  const skew = sentAt === undefined ? 0 : receivedAt - sentAt;
  const corrected = Math.abs(skew) > TOLERANCE_MS ? clientTs + skew : clientTs;
  return Math.min(corrected, receivedAt);
}
