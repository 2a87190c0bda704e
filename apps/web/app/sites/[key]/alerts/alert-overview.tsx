'use client';
import { describeCondition, METRIC_NAMES } from '@sightline/alerting';
import type { AlertEvent, AlertRule } from '@sightline/contract';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useMemo } from 'react';
import { api } from '@/app/ui/api';
import { mergeAlerts } from '@/app/ui/alert-states';
import { NewLink } from '@/app/ui/new-link';
import { card, Shell } from '@/app/ui/shell';
import { ListHead } from '@/app/ui/table-head';
import { useApi } from '@/app/ui/use-api';
import { useLive } from '@/app/ui/use-live';
import { useOwner } from '@/app/ui/use-owner';
import { AlertHistory } from './alert-history';
import { Channels } from './channels';

const filterText = (rule: AlertRule) =>
  Object.entries(rule.filter)
    .map(([field, value]) => `${field} ${String(value)}`)
    .join(', ');

/** A site's alert rules with their state, the alerts' history (live), and the channels. */
export function AlertOverview() {
  const { key = '' } = useParams<{ key: string }>();
  const base = `/api/sites/${encodeURIComponent(key)}`;
  const { data: rules, reload: reloadRules } = useApi<
    { rule: AlertRule; firing: AlertEvent | null }[]
  >(`${base}/alert-rules`);
  const { data: stored, reload: reloadHistory } = useApi<AlertEvent[]>(`${base}/alerts`);
  const { state: live } = useLive<AlertEvent, AlertEvent[]>(
    `${base}/alerts/live`,
    'alert',
    [],
    (all, alert) => [...all, alert],
  );
  const owner = useOwner();
  const alerts = useMemo(() => mergeAlerts(stored ?? [], live), [stored, live]);
  const open = new Map(
    alerts.filter((a) => a.state === 'firing').map((a) => [a.ruleId, a] as const),
  );
  const resolve = async (alert: AlertEvent) => {
    await api(`${base}/alerts/${encodeURIComponent(alert.id)}/resolve`, {
      method: 'POST',
      body: {},
    });
    reloadHistory();
    reloadRules();
  };
  return (
    <Shell site={key}>
      <div className="mb-6 flex items-center justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">Alerts</h1>
        {owner && <NewLink href={`/sites/${encodeURIComponent(key)}/alerts/new`}>New rule</NewLink>}
      </div>
      <section className={`${card} mb-6 overflow-x-auto`}>
        <table className="w-full text-left text-sm">
          <ListHead columns={['Rule', 'Watches', 'Fires when', 'State']} />
          <tbody data-testid="alert-rules">
            {rules?.map(({ rule, firing }) => {
              const openAlert = open.get(rule.id) ?? firing;
              return (
                <tr key={rule.id} className="border-t border-slate-100">
                  <td className="py-1.5">
                    <Link
                      className="text-indigo-700 hover:underline"
                      href={`/sites/${encodeURIComponent(key)}/alerts/${rule.id}`}
                    >
                      {rule.name}
                    </Link>
                  </td>
                  <td>
                    {METRIC_NAMES[rule.metric]}
                    {filterText(rule) && (
                      <span className="text-slate-500"> ({filterText(rule)})</span>
                    )}
                  </td>
                  <td>
                    {describeCondition(rule.condition)} over {rule.windowMinutes} min
                    {rule.forMinutes > 0 ? `, for ${rule.forMinutes} min` : ''}
                  </td>
                  <td>
                    {!rule.enabled ? (
                      <span className="text-slate-500">disabled</span>
                    ) : openAlert ? (
                      <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800">
                        firing since {new Date(openAlert.firedAt).toLocaleTimeString()}
                      </span>
                    ) : (
                      <span className="rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-800">
                        ok
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
            {rules?.length === 0 && (
              <tr>
                <td colSpan={4} className="py-2 text-slate-500">
                  No alert rules yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
      <div className="mb-6">
        <AlertHistory site={key} alerts={alerts} owner={owner} onResolve={(a) => void resolve(a)} />
      </div>
      <Channels site={key} owner={owner} />
    </Shell>
  );
}
