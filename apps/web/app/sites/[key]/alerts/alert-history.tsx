'use client';
import { describeCondition, formatNumber, METRIC_NAMES } from '@sightline/alerting';
import type { AlertDelivery, AlertEvent } from '@sightline/contract';
import { useState } from 'react';
import { api, errorText } from '@/app/ui/api';
import { card } from '@/app/ui/shell';
import { ListHead } from '@/app/ui/table-head';

const when = (t: number) => new Date(t).toLocaleString();

/** The value that fired the alert (a resolution carries it beside the one that cleared). */
const firedValue = (alert: AlertEvent) => {
  const value = alert.firedValue ?? alert.value;
  const base = alert.firedValue === undefined ? alert.base : alert.firedBase;
  return `${METRIC_NAMES[alert.metric]} ${formatNumber(value)}${base === undefined ? '' : ` (was ${formatNumber(base)})`}`;
};

/** Each attempt to send an alert, read when asked for. */
function Deliveries({ site, alertId }: { site: string; alertId: string }) {
  const [rows, setRows] = useState<AlertDelivery[]>();
  const [error, setError] = useState<string>();
  if (!rows && !error)
    return (
      <button
        type="button"
        className="text-xs text-indigo-600 hover:underline"
        onClick={() =>
          api<AlertDelivery[]>(
            `/api/sites/${encodeURIComponent(site)}/alerts/${encodeURIComponent(alertId)}/deliveries`,
          ).then(setRows, (e: unknown) => setError(errorText(e)))
        }
      >
        deliveries
      </button>
    );
  if (error) return <span className="text-xs text-red-600">{error}</span>;
  if (rows!.length === 0)
    return (
      <button
        type="button"
        className="text-xs text-slate-500 hover:underline"
        onClick={() => setRows(undefined)}
      >
        no deliveries yet
      </button>
    );
  return (
    <ul className="text-xs text-slate-600" data-testid="deliveries">
      {rows!.map((d) => (
        <li key={d.id}>
          {d.state} → {d.channelId} #{d.attempt}: {d.ok ? 'sent' : 'failed'}
          {d.status ? ` (${d.status})` : ''}
          {d.error ? ` — ${d.error}` : ''}
        </li>
      ))}
    </ul>
  );
}

/** Alerts fired and resolved, newest first, with an owner's "resolve" for open ones. */
export function AlertHistory(props: {
  site: string;
  alerts: AlertEvent[];
  owner: boolean;
  onResolve: (alert: AlertEvent) => void;
}) {
  return (
    <section className={`${card} overflow-x-auto`}>
      <h2 className="mb-3 font-medium">History</h2>
      <table className="w-full text-left text-sm">
        <ListHead columns={['Rule', 'State', 'Fired', 'Resolved', 'Value', 'Condition', '']} />
        <tbody data-testid="alert-history">
          {props.alerts.map((alert) => (
            <tr key={alert.id} className="border-t border-slate-100 align-top">
              <td className="py-1.5">{alert.ruleName}</td>
              <td>
                <span
                  className={`rounded px-1.5 py-0.5 text-xs font-medium ${
                    alert.state === 'firing'
                      ? 'bg-red-100 text-red-800'
                      : 'bg-emerald-100 text-emerald-800'
                  }`}
                >
                  {alert.state}
                </span>
              </td>
              <td className="whitespace-nowrap tabular-nums">{when(alert.firedAt)}</td>
              <td className="whitespace-nowrap tabular-nums">
                {alert.resolvedAt
                  ? `${when(alert.resolvedAt)}${alert.resolvedBy === 'owner' ? ' (by hand)' : ''}`
                  : '–'}
              </td>
              <td className="tabular-nums" data-testid="alert-value">
                {firedValue(alert)}
                {alert.resolvedBy === 'rule' && alert.firedValue !== undefined && (
                  <span className="block text-xs text-slate-500">
                    cleared at {formatNumber(alert.value)}
                  </span>
                )}
              </td>
              <td>
                {describeCondition(alert.condition)} over {alert.windowMinutes} min
              </td>
              <td className="space-y-1">
                {alert.state === 'firing' && props.owner && (
                  <button
                    type="button"
                    className="block rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
                    onClick={() => props.onResolve(alert)}
                  >
                    Resolve
                  </button>
                )}
                <Deliveries site={props.site} alertId={alert.id} />
              </td>
            </tr>
          ))}
          {props.alerts.length === 0 && (
            <tr>
              <td colSpan={7} className="py-2 text-slate-500">
                No alerts in the last 30 days.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
