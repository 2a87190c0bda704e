'use client';
import type { ProfileHit } from '@sightline/contract';
import { useEffect, useState } from 'react';
import type { HitStatus } from '@/server/profiles/profile-stats';
import { api } from '@/app/ui/api';
import { ListHead } from '@/app/ui/table-head';
import { useLive } from '@/app/ui/use-live';

type StoredHit = ProfileHit & { status?: HitStatus };

/** How often what became of recent messages (shown, clicked, dismissed) is read again. */
const STATUS_EVERY_MS = 5_000;
const KEEP = 100;

/** New hits first, one row per hit id, the newest version of each. */
function merge(current: StoredHit[], incoming: StoredHit[]): StoredHit[] {
  const byId = new Map(current.map((hit) => [hit.id, hit]));
  for (const hit of incoming) byId.set(hit.id, { ...byId.get(hit.id), ...hit });
  return [...byId.values()].sort((a, b) => b.firedAt - a.firedAt).slice(0, KEEP);
}

const STATUS_STYLE: Record<HitStatus, string> = {
  clicked: 'bg-emerald-100 text-emerald-800',
  shown: 'bg-indigo-100 text-indigo-800',
  dismissed: 'bg-slate-200 text-slate-700',
  sent: 'bg-amber-100 text-amber-800',
  holdout: 'bg-sky-100 text-sky-800',
  suppressed: 'bg-slate-100 text-slate-500',
};

const HIT_COLUMNS = ['Time', 'Visitor', 'Profile', 'Score', 'Top evidence', 'Message'];
const HIT_WIDTHS = {
  Time: 'w-24',
  Visitor: 'w-32',
  Profile: 'w-40',
  Score: 'w-16',
  Message: 'w-28',
};

/**
 * The profile-hit feed: hits arrive on the live stream as the assistant decides; what became of
 * each message comes from the visitors' own events, read again every few seconds.
 */
export function HitFeed({ site, names }: { site: string; names: Record<string, string> }) {
  const base = `/api/sites/${encodeURIComponent(site)}`;
  const { state: hits, connected } = useLive<StoredHit, StoredHit[]>(
    `${base}/hits/live`,
    'hit',
    [],
    (current, hit) => merge(current, [hit]),
  );
  const [stored, setStored] = useState<StoredHit[]>([]);
  useEffect(() => {
    let stop = false;
    const read = () =>
      api<{ hits: StoredHit[] }>(`${base}/hits?limit=${KEEP}`).then(
        (answer) => !stop && setStored(answer.hits),
        () => undefined,
      );
    void read();
    const timer = setInterval(() => void read(), STATUS_EVERY_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [base]);
  const rows = merge(hits, stored);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="mb-1 font-medium">Profile hits</h2>
      <p className="mb-3 text-xs text-slate-500" role="status">
        {connected ? '● Live' : '○ Connecting…'} — visitors who reached a profile&apos;s threshold,
        newest first
      </p>
      <table className="w-full table-fixed text-left text-sm [&_td]:px-2 [&_th]:px-2">
        <ListHead columns={HIT_COLUMNS} widths={HIT_WIDTHS} />
        <tbody data-testid="hit-feed">
          {rows.map((hit) => {
            const status = hit.status ?? hit.outcome;
            return (
              <tr key={hit.id} className="border-t border-slate-100 align-top">
                <td className="py-1 tabular-nums">{new Date(hit.firedAt).toLocaleTimeString()}</td>
                <td className="truncate font-mono text-xs" title={hit.visitor}>
                  {hit.visitor}
                </td>
                <td className="truncate">{names[hit.profileId] ?? hit.profileId}</td>
                <td className="tabular-nums">{(hit.score * 100).toFixed(0)}%</td>
                <td className="truncate text-xs text-slate-600">
                  {hit.evidence
                    .slice(0, 3)
                    .map((e) => `${e.id} +${e.contribution.toFixed(1)}`)
                    .join(', ')}
                </td>
                <td>
                  <span
                    className={`rounded px-2 py-0.5 text-xs ${STATUS_STYLE[status]}`}
                    data-testid="hit-status"
                    title={hit.reason ? `suppressed: ${hit.reason}` : undefined}
                  >
                    {status}
                  </span>
                </td>
              </tr>
            );
          })}
          {rows.length === 0 && (
            <tr>
              <td colSpan={6} className="py-3 text-slate-500">
                No hits yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
