import type { EventRefusal } from '@sightline/contract';
import { correctTimestamp, MAX_EVENT_AGE_MS } from '@sightline/enrichment';

const DAYS = MAX_EVENT_AGE_MS / 86_400_000;

/** Why an event whose time cannot be placed on the server's clock is refused (path `ts`). */
export function eventTimeRefusal(
  clientTs: number,
  sentAt: number | undefined,
  receivedAt: number,
): EventRefusal | undefined {
  if (correctTimestamp(clientTs, sentAt, receivedAt) !== undefined) return undefined;
  return {
    reason: 'event_too_old',
    issues: [
      {
        path: 'ts',
        message: `the event is more than ${DAYS} days old once the browser's clock is corrected by sentAt`,
      },
    ],
  };
}
