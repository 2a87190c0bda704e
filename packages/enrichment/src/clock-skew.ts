/** Below this, the gap between browser and server clocks is network latency, not skew. */
const TOLERANCE_MS = 5_000;

/**
 * How old an event may be when it arrives, on the server's clock. The tracker holds events while
 * offline and keeps what a closing page could not send for the visitor's next page, which can be
 * days later; a week covers that. Older times are not trusted: the event is refused (see
 * correctTimestamp), never moved.
 */
export const MAX_EVENT_AGE_MS = 7 * 24 * 3_600_000;

/**
 * Event time on the server's clock: a browser whose clock is off (by more than the tolerance)
 * has all its timestamps moved by the difference between its send time and our receive time.
 * The result always lies within [receivedAt - MAX_EVENT_AGE_MS, receivedAt]:
 * - later than receivedAt becomes receivedAt (events never land in the future);
 * - earlier than a week before receivedAt is undefined: such an event cannot be placed and is
 *   refused. That is also what an implausible `sentAt` gives (one far in the future moves events
 *   years back), while a browser clock that is years off but consistent is corrected exactly.
 */
export function correctTimestamp(
  clientTs: number,
  sentAt: number | undefined,
  receivedAt: number,
): number | undefined {
  const skew = sentAt === undefined ? 0 : receivedAt - sentAt;
  const corrected = Math.abs(skew) > TOLERANCE_MS ? clientTs + skew : clientTs;
  // Written so that NaN (never expected) is refused too.
  if (!(corrected >= receivedAt - MAX_EVENT_AGE_MS)) return undefined;
  return Math.min(corrected, receivedAt);
}
