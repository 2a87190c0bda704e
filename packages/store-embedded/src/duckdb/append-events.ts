import type { CollectedEvent } from '@sightline/contract';
import type { EventOrigin } from '@sightline/ports';
import type { SqlValue } from './database.js';
import { DERIVED_COLUMNS, jsonPath } from './event-columns.js';
import { columnsOf } from './schema.js';

/** Events to append, with where they were read when a processor read them. */
export interface EventBatch {
  events: CollectedEvent[];
  origin?: EventOrigin;
}

/**
 * Appends events given as three JSON arrays of one length: the events, the partition and the
 * offset of each (NULL when not read from the bus). Their unnests are zipped row by row, and one
 * extraction of every path parses each event's JSON once (about 1.4 times faster than one each).
 */
export const APPEND_EVENTS = `INSERT INTO events (${columnsOf('events')})
  SELECT x[1], x[2], CAST(x[3] AS BIGINT), x[4], coalesce(CAST(x[5] AS BOOLEAN), false),
         ${DERIVED_COLUMNS.map((_, i) => `x[${i + 6}]`).join(', ')}, r, p, o
  FROM (SELECT r, p, o, json_extract_string(r, ['$.id', '$.site', '$.ts', '$.visitor', '$.bot',
           ${DERIVED_COLUMNS.map(([field]) => jsonPath(field)).join(', ')}]) AS x
        FROM (SELECT unnest(from_json(?::JSON, '["JSON"]')) AS r,
                     unnest(from_json(?::JSON, '["INTEGER"]')) AS p,
                     unnest(from_json(?::JSON, '["BIGINT"]')) AS o))`;

/** The parameters of APPEND_EVENTS for batches appended together. */
export function appendValues(batches: EventBatch[]): SqlValue[] {
  const events: CollectedEvent[] = [];
  const partitions: (number | null)[] = [];
  const offsets: (number | null)[] = [];
  for (const { events: list, origin } of batches) {
    list.forEach((event, i) => {
      events.push(event);
      partitions.push(origin ? origin.partition : null);
      offsets.push(origin ? (origin.offsets[i] ?? null) : null);
    });
  }
  return [JSON.stringify(events), JSON.stringify(partitions), JSON.stringify(offsets)];
}
