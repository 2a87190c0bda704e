import type { AlertDelivery, AlertEvent } from '@sightline/contract';
import type { TimeRange } from './events-port.js';

export interface AlertQuery {
  site: string;
  /** By the time the alert fired. */
  range: TimeRange;
  ruleId?: string;
  limit: number;
}

export interface DeliveryQuery {
  site: string;
  range: TimeRange;
  alertId?: string;
  limit: number;
}

/** Alerts fired and resolved, and every attempt to send them: the alerts' history. */
export interface AlertStore {
  ensureSchema(): Promise<void>;
  /**
   * Stores alert messages by alert id and state: the same message again replaces itself, and
   * a resolution never gives way to its fire written later.
   */
  writeAlerts(alerts: AlertEvent[]): Promise<void>;
  /** A site's alerts fired in the range, newest first, each in its latest state. */
  alerts(query: AlertQuery): Promise<AlertEvent[]>;
  /** Each rule's latest alert (of those fired since `since`), in its latest state. */
  latestByRule(since: number): Promise<AlertEvent[]>;
  /** Stores delivery attempts by id. */
  writeDeliveries(deliveries: AlertDelivery[]): Promise<void>;
  /** A site's delivery attempts in the range (or of one alert), newest first. */
  deliveries(query: DeliveryQuery): Promise<AlertDelivery[]>;
}
