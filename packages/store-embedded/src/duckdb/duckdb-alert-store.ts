import type { AlertDelivery, AlertEvent } from '@sightline/contract';
import {
  latestPerRule,
  latestStates,
  type AlertQuery,
  type AlertStore,
  type DeliveryQuery,
} from '@sightline/ports';
import { docsOf, jsonRows, writeLatest } from './batch-rows.js';
import { DuckDbTables } from './duckdb-tables.js';
import { readRecent, type HistoryTable } from './read-recent.js';

const HISTORY = {
  alerts: { table: 'alerts', time: 'fired_at', owner: 'rule_id' },
  deliveries: { table: 'alert_deliveries', time: 'sent_at', owner: 'alert_id' },
} satisfies Record<string, HistoryTable>;

/** The alerts' history in the embedded DuckDB file: a row per alert and state, and deliveries. */
export class DuckDbAlertStore extends DuckDbTables implements AlertStore {
  writeAlerts(alerts: AlertEvent[]): Promise<void> {
    return writeLatest(
      this.db,
      `INSERT OR REPLACE INTO alerts
       SELECT r->>'id', r->>'state', r->>'site', r->>'ruleId', CAST(r->>'firedAt' AS BIGINT), r
       FROM ${jsonRows()}`,
      alerts,
      (alert) => `${alert.id}:${alert.state}`,
    );
  }

  async alerts(query: AlertQuery): Promise<AlertEvent[]> {
    // Two rows per alert at most (firing, resolved), folded into its latest state.
    const rows = await readRecent<AlertEvent>(this.db, HISTORY.alerts, {
      ...query,
      limit: query.limit * 2,
      owner: query.ruleId,
    });
    return latestStates(rows).slice(0, query.limit);
  }

  async latestByRule(since: number): Promise<AlertEvent[]> {
    const rows = await this.db.read(
      `SELECT doc FROM alerts WHERE fired_at >= ? ORDER BY fired_at DESC, id`,
      [since],
    );
    return latestPerRule(latestStates(docsOf<AlertEvent>(rows)));
  }

  writeDeliveries(deliveries: AlertDelivery[]): Promise<void> {
    return writeLatest(
      this.db,
      `INSERT OR REPLACE INTO alert_deliveries
       SELECT r->>'id', r->>'site', r->>'alertId', CAST(r->>'at' AS BIGINT), r
       FROM ${jsonRows()}`,
      deliveries,
      (delivery) => delivery.id,
    );
  }

  deliveries(query: DeliveryQuery): Promise<AlertDelivery[]> {
    return readRecent(this.db, HISTORY.deliveries, { ...query, owner: query.alertId });
  }
}
