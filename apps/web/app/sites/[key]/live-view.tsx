'use client';
import type { WindowAggregate, WindowMetrics } from '@sightline/contract';
import { useEffect, useMemo, useState } from 'react';
import { api } from '@/app/ui/api';
import { TimeChart } from '@/app/ui/charts';
import {
  eventsPerSecond,
  foldWindow,
  liveAt,
  perWindow,
  totals,
  visitorsNow,
  type LiveWindows,
} from '@/app/ui/live-windows';
import { countryName, RankedList, rankedRows } from '@/app/ui/ranked-list';
import { Stat } from '@/app/ui/stat';
import { useLive } from '@/app/ui/use-live';
import { useNow } from '@/app/ui/use-now';
import { GoalPanel } from './goal-panel';
import { HistoryView, type ViewProps } from './history-view';
import { MetricStats, type VisitFigures } from './metric-stats';

const LIVE_MS = 5 * 60_000;

/**
 * The live view under filters: the windows sum every event, so the last five minutes are read
 * from the stored events instead, every few seconds, with the filters applied to every figure.
 */
function FilteredLiveView(props: ViewProps) {
  const now = useNow(3_000);
  return (
    <div className="space-y-6">
      <p className="text-xs text-slate-500" role="status">
        ● Live, filtered — last 5 minutes of stored events, read every 3 seconds
      </p>
      <HistoryView {...props} from={now - LIVE_MS} to={now} stepMs={10_000} />
    </div>
  );
}

/** Counts without the values the tracker could not tell (history lists only known values). */
const known = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).filter(([key]) => key !== 'unknown'));

/**
 * The live view's lists, in the order it shows them: each title, the field a row filters on,
 * and its rows (page views per value).
 */
const liveLists = (
  sum: WindowMetrics,
): [title: string, field: string, rows: { key: string; count: number }[]][] => [
  ['Top pages', 'path', sum.topPaths],
  ['Referrers', 'referrerHost', sum.topReferrers],
  ['Channels', 'channel', rankedRows(sum.channels)],
  ['Devices', 'device', rankedRows(sum.devices)],
  ['Browsers', 'browser', rankedRows(known(sum.browsers))],
  ['Operating systems', 'os', rankedRows(known(sum.os))],
  ['Countries', 'country', rankedRows(known(sum.countries))],
  ['UTM sources', 'utm.source', rankedRows(sum.utmSources)],
  ['UTM campaigns', 'utm.campaign', rankedRows(sum.utmCampaigns)],
];

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
export function LiveView(props: ViewProps) {
  return props.filters.length > 0 ? (
    <FilteredLiveView {...props} />
  ) : (
    <WindowsLiveView {...props} />
  );
}

function WindowsLiveView({ site, onPick }: ViewProps) {
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
      <GoalPanel site={site} from={0} to={LIVE_MS} filters={[]} refreshMs={5_000} />
      <div className="grid gap-4 md:grid-cols-3">
        {liveLists(sum).map(([title, field, rows]) => (
          <RankedList
            key={title}
            title={title}
            unit="page views"
            rows={rows}
            label={title === 'Countries' ? countryName : undefined}
            onPick={(v) => onPick(field, v)}
          />
        ))}
      </div>
    </div>
  );
}
