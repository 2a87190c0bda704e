'use client';
import type { WindowAggregate } from '@sightline/contract';
import { useMemo } from 'react';
import { TimeChart } from '../../ui/charts';
import {
  foldWindow,
  perWindow,
  totals,
  visitorsNow,
  type LiveWindows,
} from '../../ui/live-windows';
import { RankedList, rankedRows } from '../../ui/ranked-list';
import { Stat } from '../../ui/stat';
import { useLive } from '../../ui/use-live';
import { MetricStats } from './metric-stats';

/** The last five minutes, moved by the processor's window updates (about once a second). */
export function LiveView({ site }: { site: string }) {
  const { state, connected } = useLive<WindowAggregate, LiveWindows>(
    `/api/sites/${encodeURIComponent(site)}/live`,
    'window',
    new Map(),
    foldWindow,
  );
  const points = useMemo(() => perWindow(state).map((p) => ({ ...p, time: p.start })), [state]);
  const sum = useMemo(() => totals(state), [state]);
  const lastFull = points.at(-2);
  return (
    <div className="space-y-6">
      <p className="text-xs text-slate-500" role="status">
        {connected ? '● Live — last 5 minutes, updated as events arrive' : '○ Connecting…'}
      </p>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat
          label="Visitors now"
          value={visitorsNow(state).toLocaleString()}
          testId="visitors-now"
        />
        <Stat
          label="Events/s"
          value={lastFull ? (lastFull.events / 10).toFixed(1) : '0'}
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
      <MetricStats metrics={sum} />
      <div className="grid gap-4 md:grid-cols-3">
        <RankedList title="Top pages" rows={sum.topPaths} />
        <RankedList title="Referrers" rows={sum.topReferrers} />
        <RankedList title="Channels" rows={rankedRows(sum.channels)} />
        <RankedList title="Devices" rows={rankedRows(sum.devices)} />
        <RankedList title="Browsers" rows={rankedRows(sum.browsers)} />
        <RankedList title="Operating systems" rows={rankedRows(sum.os)} />
        <RankedList title="Countries" rows={rankedRows(sum.countries)} />
        <RankedList title="UTM sources" rows={rankedRows(sum.utmSources)} />
        <RankedList title="UTM campaigns" rows={rankedRows(sum.utmCampaigns)} />
      </div>
    </div>
  );
}
