'use client';
import type { ProfileConfig } from '@sightline/contract';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import { NewLink } from '@/app/ui/new-link';
import { card, Shell } from '@/app/ui/shell';
import { SpanSelect } from '@/app/ui/span-select';
import { ListHead } from '@/app/ui/table-head';
import { useApi } from '@/app/ui/use-api';
import { useOwner } from '@/app/ui/use-owner';
import type { GroupConversion, ProfileStats } from '@/server/profiles/profile-stats';
import { HitFeed } from './hit-feed';

const SPANS: [string, number][] = [
  ['Last 24 hours', 86_400_000],
  ['Last 7 days', 7 * 86_400_000],
  ['Last 30 days', 30 * 86_400_000],
];
const rate = (c: GroupConversion) =>
  c.visitors === 0 ? '–' : `${((c.converted / c.visitors) * 100).toFixed(1)}% of ${c.visitors}`;
const points = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;

const PROFILE_COLUMNS = [
  'Profile',
  'Hits',
  'Sent',
  'Holdout',
  'Shown',
  'Clicked',
  'Dismissed',
  'Goal reached: messaged',
  'Goal reached: holdout',
  'Uplift (points, 95%)',
];

/** The site's profiles with their figures, and the live feed of hits. */
export function ProfileList() {
  const { key = '' } = useParams<{ key: string }>();
  const base = `/api/sites/${encodeURIComponent(key)}`;
  const [span, setSpan] = useState(7 * 86_400_000);
  // Fixed per choice of span, so the figures are not re-read on every render.
  const since = useMemo(() => Date.now() - span, [span]);
  const { data: profiles } = useApi<ProfileConfig[]>(`${base}/profiles`);
  const { data: stats, error: statsError } = useApi<{
    profiles: ProfileStats[];
    truncated: boolean;
  }>(`${base}/profiles/stats?from=${since}`);
  const owner = useOwner();
  const byId = new Map(stats?.profiles.map((s) => [s.profileId, s]));
  const names = Object.fromEntries((profiles ?? []).map((p) => [p.id, p.name]));
  return (
    <Shell site={key}>
      <div className="mb-6 flex items-center justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">Profiles</h1>
        <div className="flex items-center gap-3">
          <SpanSelect label="Period" spans={SPANS} value={span} onChange={setSpan} />
          {owner && (
            <NewLink href={`/sites/${encodeURIComponent(key)}/profiles/new`}>New profile</NewLink>
          )}
        </div>
      </div>
      <section className={`${card} mb-6 overflow-x-auto`}>
        {statsError && (
          <p role="alert" className="mb-2 text-sm text-red-700">
            The figures could not be read: {statsError}
          </p>
        )}
        <table className="w-full text-left text-sm [&_td]:px-2 [&_th]:px-2 [&_th]:align-bottom">
          <ListHead columns={PROFILE_COLUMNS} />
          <tbody data-testid="profiles">
            {profiles?.map((profile) => {
              const s = byId.get(profile.id);
              const c = s?.conversion;
              return (
                <tr key={profile.id} className="border-t border-slate-100">
                  <td className="py-1.5">
                    <Link
                      href={`/sites/${encodeURIComponent(key)}/profiles/${profile.id}`}
                      className="font-medium text-indigo-700 hover:underline"
                    >
                      {profile.name}
                    </Link>
                    {!profile.enabled && <span className="ml-2 text-xs text-slate-500">off</span>}
                  </td>
                  <td className="tabular-nums">{s?.hits ?? 0}</td>
                  <td className="tabular-nums">{s?.sent ?? 0}</td>
                  <td className="tabular-nums">{s?.holdout ?? 0}</td>
                  <td className="tabular-nums">{s?.shown ?? 0}</td>
                  <td className="tabular-nums">{s?.clicked ?? 0}</td>
                  <td className="tabular-nums">{s?.dismissed ?? 0}</td>
                  <td className="tabular-nums">{c ? rate(c.sent) : 'no goal'}</td>
                  <td className="tabular-nums">{c ? rate(c.holdout) : '–'}</td>
                  <td className="tabular-nums">
                    {c?.uplift
                      ? `${points(c.uplift.value)} (${points(c.uplift.low)} to ${points(c.uplift.high)})`
                      : '–'}
                  </td>
                </tr>
              );
            })}
            {profiles?.length === 0 && (
              <tr>
                <td colSpan={10} className="py-3 text-slate-500">
                  No profiles yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <p className="mt-3 text-xs text-slate-500">
          A profile&apos;s goal is the page its message links to. Each visitor counts once, in the
          group of their first hit; uplift is the difference of the two rates.
          {stats?.truncated && ' Figures are from the latest 10,000 hits of the period.'}
        </p>
      </section>
      <HitFeed site={key} names={names} />
    </Shell>
  );
}
