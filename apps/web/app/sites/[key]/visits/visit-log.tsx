'use client';
import type { CollectedEvent, SessionRecord } from '@sightline/contract';
import { useParams } from 'next/navigation';
import { Fragment, useEffect, useState } from 'react';
import { api, errorText } from '@/app/ui/api';
import { describeEvent } from '@/app/ui/event-text';
import { RangeButtons } from '@/app/ui/range-buttons';
import { countryName } from '@/app/ui/ranked-list';
import { card, Shell } from '@/app/ui/shell';
import { formatDuration } from '@/app/ui/duration';
import { ErrorLine } from '@/app/ui/error-line';
import { FiguresHead } from '@/app/ui/table-head';

const RANGES: [ms: number, label: string][] = [
  [3_600_000, '1 hour'],
  [86_400_000, '24 hours'],
  [7 * 86_400_000, '7 days'],
  [30 * 86_400_000, '30 days'],
];
const LIMIT = 100;
/** The columns of each visit's figures. */
const FIGURES = ['Pages', 'Duration', 'Events'];

const source = (visit: SessionRecord) =>
  visit.utm?.source ??
  visit.referrerHost ??
  (visit.channel === 'direct' ? 'Direct' : visit.channel);

/** One visit's events, oldest first, in words, with the time since the visit began. */
function Timeline({ site, visit }: { site: string; visit: SessionRecord }) {
  const [events, setEvents] = useState<CollectedEvent[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const filter = encodeURIComponent(`visitor:eq:${visit.visitor}`);
    api<{ events: CollectedEvent[] }>(
      `/api/sites/${encodeURIComponent(site)}/events?from=${visit.start}&to=${visit.end + 1}&filter=${filter}&order=asc&limit=500`,
    ).then(
      (found) => setEvents(found.events),
      (e: unknown) => setError(errorText(e)),
    );
  }, [site, visit]);
  if (error) return <ErrorLine error={error} flush />;
  if (!events) return <p className="text-sm text-slate-400">Loading…</p>;
  return (
    <ol className="space-y-1 text-sm" data-testid="timeline">
      {events.map((event) => (
        <li key={event.id} className="flex gap-3" data-testid="timeline-event">
          <span className="w-16 shrink-0 text-right tabular-nums text-slate-400">
            +{formatDuration(event.ts - visit.start)}
          </span>
          <span className="break-all">{describeEvent(event)}</span>
        </li>
      ))}
    </ol>
  );
}

/**
 * The visit log: a range's visits, latest first, each with where it came from, the pages it
 * began and ended on, its length and events; a visit opens its timeline.
 */
export function VisitLog() {
  const { key = '' } = useParams<{ key: string }>();
  const [span, setSpan] = useState(86_400_000);
  const [visits, setVisits] = useState<SessionRecord[]>();
  const [open, setOpen] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const to = Date.now();
    api<{ visits: SessionRecord[] }>(
      `/api/sites/${encodeURIComponent(key)}/visits?from=${to - span}&to=${to}&limit=${LIMIT}`,
    ).then(
      (found) => {
        setVisits(found.visits);
        setError(undefined);
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, [key, span]);
  return (
    <Shell site={key}>
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">Visits</h1>
        <RangeButtons ranges={RANGES} value={span} onChange={setSpan} />
      </div>
      <ErrorLine error={error} />
      <section className={`${card} overflow-x-auto`}>
        {visits?.length === 0 && <p className="text-sm text-slate-400">No visits in this range.</p>}
        {visits && visits.length > 0 && (
          <table className="w-full text-sm">
            <FiguresHead
              rowClassName="text-left text-xs uppercase tracking-wide text-slate-500"
              columns={['Started', 'Source', 'Entry page', 'Exit page', ...FIGURES, 'Device']}
              right={FIGURES}
            />
            <tbody>
              {visits.map((visit) => (
                <Fragment key={visit.id}>
                  <tr className="border-t border-slate-100" data-testid="visit">
                    <td className="py-1.5 pr-4 whitespace-nowrap">
                      <button
                        type="button"
                        className="text-indigo-700 underline"
                        aria-expanded={open === visit.id}
                        onClick={() => setOpen(open === visit.id ? undefined : visit.id)}
                      >
                        {new Date(visit.start).toLocaleString()}
                      </button>
                      {visit.status === 'open' && (
                        <span className="ml-2 text-xs text-emerald-700">ongoing</span>
                      )}
                    </td>
                    <td className="py-1.5 pr-4">{source(visit)}</td>
                    <td className="py-1.5 pr-4" data-testid="visit-entry">
                      {visit.entryPath ?? '–'}
                    </td>
                    <td className="py-1.5 pr-4" data-testid="visit-exit">
                      {visit.exitPath ?? '–'}
                    </td>
                    <td className="py-1.5 pr-4 text-right tabular-nums" data-testid="visit-pages">
                      {visit.pageviews}
                    </td>
                    <td
                      className="py-1.5 pr-4 text-right tabular-nums"
                      data-testid="visit-duration"
                    >
                      {formatDuration(visit.durationMs)}
                    </td>
                    <td className="py-1.5 pr-4 text-right tabular-nums" data-testid="visit-events">
                      {visit.events}
                    </td>
                    <td className="py-1.5">
                      {visit.device}
                      {visit.country ? ` · ${countryName(visit.country)}` : ''}
                    </td>
                  </tr>
                  {open === visit.id && (
                    <tr>
                      <td colSpan={8} className="bg-slate-50 px-3 py-2">
                        <Timeline site={key} visit={visit} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        )}
        {visits && visits.length === LIMIT && (
          <p className="mt-2 text-xs text-slate-500">The latest {LIMIT} visits of the range.</p>
        )}
      </section>
    </Shell>
  );
}
