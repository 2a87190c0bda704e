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
    const rule = query.ruleId === undefined ? '' : ' AND rule_id = ?';
    const rows = await this.db.read(
      `SELECT doc FROM alerts WHERE site = ? AND fired_at >= ? AND fired_at < ?${rule}
       ORDER BY fired_at DESC, id LIMIT ?`,
      [
        query.site,
        query.range.from,
        query.range.to,
        ...(query.ruleId === undefined ? [] : [query.ruleId]),
        query.limit * 2,
      ],
    );
    return latestStates(docsOf<AlertEvent>(rows)).slice(0, query.limit);
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

  async deliveries(query: DeliveryQuery): Promise<AlertDelivery[]> {
    const alert = query.alertId === undefined ? '' : ' AND alert_id = ?';
    const rows = await this.db.read(
      `SELECT doc FROM alert_deliveries WHERE site = ? AND sent_at >= ? AND sent_at < ?${alert}
       ORDER BY sent_at DESC, id LIMIT ?`,
      [
        query.site,
        query.range.from,
        query.range.to,
        ...(query.alertId === undefined ? [] : [query.alertId]),
        query.limit,
      ],
    );
    return docsOf<AlertDelivery>(rows);
  }
}
