import { deadLetterOf, type CollectedEvent, type DeadLetter } from '@sightline/contract';

/** A raw event with the offset of the message that carried it. */
export interface RawEvent {
  event: CollectedEvent;
  offset: number;
}

/** The dead letter of a raw event a store refused at `stage`, for `reason`. */
export const eventLetter =
  (stage: 'events' | 'event-points', partition: number, at: number) =>
  ({ event, offset }: RawEvent, reason: string): DeadLetter =>
    deadLetterOf({
      stage,
      reason,
      record: event,
      at,
      site: event.site,
      partition,
      offset,
      eventId: event.id,
    });
