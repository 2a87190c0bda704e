'use client';
import type { WindowAggregate } from '@sightline/contract';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../ui/api';
import { TimeChart } from '../../ui/charts';
import {
  eventsPerSecond,
  foldWindow,
  liveAt,
  perWindow,
  totals,
  visitorsNow,
  type LiveWindows,
} from '../../ui/live-windows';
import { countryName, RankedList, rankedRows } from '../../ui/ranked-list';
import { Stat } from '../../ui/stat';
import { useLive } from '../../ui/use-live';
import { useNow } from '../../ui/use-now';
import { MetricStats, type VisitFigures } from './metric-stats';

/** Counts without the values the tracker could not tell (history lists only known values). */
const known = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).filter(([key]) => key !== 'unknown'));

/** Visits that started in the last five minutes, read every five seconds. */
function useVisitStats(site: string): VisitFigures | undefined {
  const [visits, setVisits] = useState<VisitFigures>();
  useEffect(() => {
    const read = () => {
      const to = Date.now();
      api<VisitFigures>(
        `/api/sites/${encodeURIComponent(site)}/visit-stats?from=${to - 5 * 60_000}&to=${to}`,
      ).then(setVisits, () => undefined);
    };
    read();
    const timer = setInterval(read, 5_000);
    return () => clearInterval(timer);
  }, [site]);
  return visits;
}

/** The last five minutes, moved by the processor's window updates (about once a second). */
export function LiveView({ site }: { site: string }) {
  const { state, connected } = useLive<WindowAggregate, LiveWindows>(
    `/api/sites/${encodeURIComponent(site)}/live`,
    'window',
    new Map(),
    foldWindow,
  );
  const now = useNow(1_000);
  const visits = useVisitStats(site);
  const live = useMemo(() => liveAt(state, now), [state, now]);
  const points = useMemo(() => perWindow(live).map((p) => ({ ...p, time: p.start })), [live]);
  const sum = useMemo(() => totals(live), [live]);
  return (
    <div className="space-y-6">
      <p className="text-xs text-slate-500" role="status">
        {connected ? '● Live — last 5 minutes, updated as events arrive' : '○ Connecting…'}
      </p>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat
          label="Visitors now"
          value={visitorsNow(live, now).toLocaleString()}
          testId="visitors-now"
        />
        <Stat
          label="Events/s"
          value={eventsPerSecond(live, now).toFixed(1)}
          testId="events-per-second"
        />
        <Stat
          label="Page views (5 min)"
          value={sum.pageviews.toLocaleString()}
          testId="live-pageviews"
        />
        <Stat label="Events (5 min)" value={sum.events.toLocaleString()} testId="live-events" />
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="mb-2 text-sm font-medium text-slate-700">
          Page views and events per 10 seconds
        </h2>
        <TimeChart
          data={points}
          bar="pageviews"
          line="events"
          labels={['Page views', 'Events']}
          short
        />
      </section>
      <MetricStats metrics={sum} {...(visits ? { visits } : {})} />
      <div className="grid gap-4 md:grid-cols-3">
        <RankedList title="Top pages" unit="page views" rows={sum.topPaths} />
        <RankedList title="Referrers" unit="page views" rows={sum.topReferrers} />
        <RankedList title="Channels" unit="page views" rows={rankedRows(sum.channels)} />
        <RankedList title="Devices" unit="page views" rows={rankedRows(sum.devices)} />
        <RankedList title="Browsers" unit="page views" rows={rankedRows(known(sum.browsers))} />
        <RankedList title="Operating systems" unit="page views" rows={rankedRows(known(sum.os))} />
        <RankedList
          title="Countries"
          unit="page views"
          rows={rankedRows(known(sum.countries))}
          label={countryName}
        />
        <RankedList title="UTM sources" unit="page views" rows={rankedRows(sum.utmSources)} />
        <RankedList title="UTM campaigns" unit="page views" rows={rankedRows(sum.utmCampaigns)} />
      </div>
    </div>
  );
}
