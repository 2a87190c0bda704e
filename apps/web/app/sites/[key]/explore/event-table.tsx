'use client';
import type { CollectedEvent } from '@sightline/contract';
import { Fragment, useState } from 'react';
import { describeEvent } from '@/app/ui/event-text';
import { ListHead } from '@/app/ui/table-head';

/** Every field of an event, one per row, objects one level in (`utm.source`). */
const fieldsOf = (event: CollectedEvent): [string, string][] =>
  Object.entries(event).flatMap(([key, value]): [string, string][] =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value as Record<string, unknown>).map(([sub, v]) => [
          `${key}.${sub}`,
          typeof v === 'string' ? v : JSON.stringify(v),
        ])
      : [[key, typeof value === 'string' ? value : JSON.stringify(value)]],
  );

/**
 * The events found, newest first: a click on the time opens every field of the event, a click
 * on the visitor asks for their timeline.
 */
export function EventTable(props: {
  events: CollectedEvent[] | undefined;
  onVisitor: (visitor: string) => void;
}) {
  const [opened, setOpened] = useState<string>();
  return (
    <table className="w-full table-fixed text-left text-sm">
      <ListHead
        columns={['Time', 'Type', 'What', 'Page', 'Visitor']}
        widths={{ Time: 'w-44', Type: 'w-28', Page: 'w-48', Visitor: 'w-48' }}
      />
      <tbody data-testid="events">
        {props.events?.map((e) => (
          <Fragment key={e.id}>
            <tr className="border-t border-slate-100" data-testid="event-row">
              <td className="py-1 tabular-nums">
                <button
                  type="button"
                  className="text-indigo-700 hover:underline"
                  aria-expanded={opened === e.id}
                  title="Show every field of this event"
                  onClick={() => setOpened(opened === e.id ? undefined : e.id)}
                >
                  {new Date(e.ts).toLocaleString()}
                </button>
              </td>
              <td>{e.type}</td>
              <td className="truncate" title={describeEvent(e)}>
                {describeEvent(e)}
              </td>
              <td className="truncate" title={e.url}>
                {e.path} <span className="text-slate-400">{e.title}</span>
              </td>
              <td className="truncate">
                <button
                  type="button"
                  className="font-mono text-xs text-indigo-700 hover:underline"
                  onClick={() => props.onVisitor(e.visitor)}
                  title="Show this visitor's timeline"
                >
                  {e.visitor}
                </button>
              </td>
            </tr>
            {opened === e.id && (
              <tr>
                <td colSpan={5} className="bg-slate-50 px-3 py-2">
                  <dl
                    className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 text-xs"
                    data-testid="event-details"
                  >
                    {fieldsOf(e).map(([field, value]) => (
                      <Fragment key={field}>
                        <dt className="font-mono text-slate-500">{field}</dt>
                        <dd className="break-all font-mono">{value}</dd>
                      </Fragment>
                    ))}
                  </dl>
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
