'use client';
import type { AlertEvent, AlertRule } from '@sightline/contract';
import Link from 'next/link';
import { useMemo } from 'react';
import { mergeAlerts } from './alert-states';
import { useApi } from './use-api';
import { useLive } from './use-live';

/** A site's alerts firing now, on every page of the site, as they fire and resolve. */
export function AlertBanner({ site }: { site: string }) {
  const base = `/api/sites/${encodeURIComponent(site)}`;
  const { data: rules } = useApi<{ rule: AlertRule; firing: AlertEvent | null }[]>(
    `${base}/alert-rules`,
  );
  const { state: live } = useLive<AlertEvent, AlertEvent[]>(
    `${base}/alerts/live`,
    'alert',
    [],
    (all, alert) => [...all, alert],
  );
  const firing = useMemo(
    () =>
      mergeAlerts(
        (rules ?? []).flatMap((r) => (r.firing ? [r.firing] : [])),
        live.filter((alert) => !alert.test),
      ).filter((alert) => alert.state === 'firing'),
    [rules, live],
  );
  if (firing.length === 0) return null;
  return (
    <div className="border-b border-red-200 bg-red-50" role="alert" data-testid="alert-banner">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-6 py-2 text-sm text-red-900">
        <span className="font-medium">
          {firing.length === 1 ? '1 alert firing' : `${firing.length} alerts firing`}:
        </span>
        {firing.slice(0, 3).map((alert) => (
          <span key={alert.id}>
            {alert.ruleName} since {new Date(alert.firedAt).toLocaleTimeString()}
          </span>
        ))}
        <Link href={`/sites/${encodeURIComponent(site)}/alerts`} className="ml-auto underline">
          See the alerts
        </Link>
      </div>
    </div>
  );
}
