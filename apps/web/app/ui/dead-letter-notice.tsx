'use client';
import type { DeadLetter } from '@sightline/contract';
import { useApi } from './use-api';

/** What the processor could not store: a stage name a site owner can read. */
const STAGES: Record<DeadLetter['stage'], string> = {
  read: 'unreadable',
  events: 'refused by the event store',
  'event-points': 'refused by the metrics store',
  sessions: 'visit refused',
  'window-documents': 'window refused',
  'window-points': 'window refused by the metrics store',
};

/**
 * Records of the site that were set aside instead of counted (dead letters), if any: how many,
 * and the newest with their reasons. Nothing shows while there are none.
 */
export function DeadLetterNotice({ site }: { site: string }) {
  const { data } = useApi<{ total: number; recent: DeadLetter[] }>(
    `/api/sites/${encodeURIComponent(site)}/dead-letters?limit=5`,
  );
  if (!data || data.total === 0) return null;
  return (
    <details
      className="mb-6 rounded border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900"
      data-testid="dead-letters"
    >
      <summary className="cursor-pointer font-medium">
        {data.total === 1
          ? '1 record was set aside and not counted'
          : `${data.total.toLocaleString()} records were set aside and not counted`}{' '}
        (dead letters)
      </summary>
      <ul className="mt-2 space-y-1">
        {data.recent.map((letter) => (
          <li key={letter.id} className="break-words">
            <span className="text-amber-700">{new Date(letter.at).toLocaleString()}</span> ·{' '}
            {STAGES[letter.stage]}
            {letter.eventId ? ` · event ${letter.eventId}` : ''}: {letter.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}
