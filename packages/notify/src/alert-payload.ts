import type { AlertEvent } from '@sightline/contract';
import { alertSummary } from './alert-summary.js';

/** The JSON a webhook receives. */
export interface AlertPayload {
  type: 'alert.firing' | 'alert.resolved' | 'alert.test';
  alert: AlertEvent;
  summary: string;
  /** The site's alerts in the admin app. */
  link?: string;
}

export function alertPayload(alert: AlertEvent, adminUrl?: string): AlertPayload {
  return {
    type: alert.test ? 'alert.test' : alert.state === 'firing' ? 'alert.firing' : 'alert.resolved',
    alert,
    summary: alertSummary(alert),
    ...(adminUrl ? { link: alertsLink(alert, adminUrl) } : {}),
  };
}

export const alertsLink = (alert: AlertEvent, adminUrl: string) =>
  `${adminUrl.replace(/\/+$/, '')}/sites/${encodeURIComponent(alert.site)}/alerts`;
