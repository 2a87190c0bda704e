import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchConfig } from '@sightline/config';
import type { AlertDelivery, AlertEvent } from '@sightline/contract';
import {
  latestPerRule,
  latestStates,
  type AlertQuery,
  type AlertStore,
  type DeliveryQuery,
} from '@sightline/ports';
import { indexEach } from './bulk.js';
import { epochRange } from './query.js';
import { alertsIndex, deliveriesIndex } from './index-names.js';
import { ALERT_PROPERTIES, DELIVERY_PROPERTIES, putResultsTemplate } from './results-mapping.js';

/** Alert messages are few: the evaluator resumes from at most this many. */
const RESUME_LIMIT = 10_000;

/** The alerts' history on Elasticsearch: `_id` = alert id and state; deliveries by their id. */
export class ElasticsearchAlertStore implements AlertStore {
  private readonly alertsIndex: string;
  private readonly deliveriesIndex: string;

  constructor(
    readonly client: Client,
    private readonly config: ElasticsearchConfig,
  ) {
    this.alertsIndex = alertsIndex(config.indexPrefix);
    this.deliveriesIndex = deliveriesIndex(config.indexPrefix);
  }

  async ensureSchema(): Promise<void> {
    for (const [pattern, properties] of [
      [this.alertsIndex, ALERT_PROPERTIES],
      [this.deliveriesIndex, DELIVERY_PROPERTIES],
    ] as const)
      await putResultsTemplate(this.client, this.config, { name: pattern, pattern, properties });
  }

  async writeAlerts(alerts: AlertEvent[]): Promise<void> {
    await indexEach(this.client, alerts, (alert) => ({
      index: this.alertsIndex,
      id: `${alert.id}:${alert.state}`,
    }));
  }

  async alerts(query: AlertQuery): Promise<AlertEvent[]> {
    // Up to two messages per alert.
    const messages = await this.search<AlertEvent>(this.alertsIndex, query.limit * 2, [
      { term: { site: query.site } },
      ...(query.ruleId ? [{ term: { ruleId: query.ruleId } }] : []),
      epochRange('firedAt', query.range.from, query.range.to),
    ]);
    return latestStates(messages).slice(0, query.limit);
  }

  async latestByRule(since: number): Promise<AlertEvent[]> {
    const messages = await this.search<AlertEvent>(this.alertsIndex, RESUME_LIMIT, [
      epochRange('firedAt', since),
    ]);
    return latestPerRule(latestStates(messages));
  }

  async writeDeliveries(deliveries: AlertDelivery[]): Promise<void> {
    await indexEach(this.client, deliveries, (delivery) => ({
      index: this.deliveriesIndex,
      id: delivery.id,
    }));
  }

  deliveries(query: DeliveryQuery): Promise<AlertDelivery[]> {
    return this.search<AlertDelivery>(this.deliveriesIndex, query.limit, [
      { term: { site: query.site } },
      ...(query.alertId ? [{ term: { alertId: query.alertId } }] : []),
      epochRange('at', query.range.from, query.range.to),
    ]);
  }

  /** Makes everything written so far searchable now (tests). */
  async refresh(): Promise<void> {
    await this.client.indices.refresh({
      index: [this.alertsIndex, this.deliveriesIndex],
      allow_no_indices: true,
      ignore_unavailable: true,
    });
  }

  private async search<T>(index: string, size: number, filter: object[]): Promise<T[]> {
    const response = await this.client.search<T>({
      index,
      ignore_unavailable: true,
      allow_no_indices: true,
      size,
      query: { bool: { filter } },
      sort: [{ [index === this.alertsIndex ? 'firedAt' : 'at']: 'desc' }, { id: 'asc' }],
    });
    return response.hits.hits.flatMap((hit) => (hit._source ? [hit._source] : []));
  }
}
