import { bucketStart, STEP_MS } from '@sightline/alerting';
import { type Subscription } from '@sightline/ports';
import { broadcastGroup, TOPIC, topicName } from '@sightline/bus';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlertChannels, AlertRules, BusConfigStore } from '@sightline/config-store';
import {
  alertEvent,
  CONTRACT_VERSION,
  emptyWindowMetrics,
  readJsonMessage,
  type AlertEvent,
  type AlertRuleInput,
} from '@sightline/contract';
import {
  createElasticsearchClient,
  ElasticsearchAlertStore,
  ElasticsearchHitStore,
  ElasticsearchWindowStore,
} from '@sightline/store-elasticsearch';
import { SIGNATURE_HEADER, verifyWebhookSignature, type AlertPayload } from '@sightline/notify';
import { createLogger, createMetrics } from '@sightline/observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../../test/until.js';
import type { Processor } from '../../processor/src/index.js';
import { Pipeline } from '../../processor/test/pipeline.js';
import { shopEvent, startOfWindow } from './alert-traffic.js';
import { startAlerter, type Alerter } from '../src/index.js';

const SITE = 'alerting-shop';
const MINUTE = 60_000;

const rule = (fields: Partial<AlertRuleInput> & Pick<AlertRuleInput, 'id'>): AlertRuleInput => ({
  site: SITE,
  name: fields.id,
  metric: 'js_errors',
  windowMinutes: 1,
  condition: { kind: 'above', threshold: 5 },
  ...fields,
});

describe('alert rules evaluated by the alerter on the windows of the processor, on Kafka and Elasticsearch', () => {
  const pipeline = new Pipeline({ partitions: 2 });
  const logger = createLogger('alerts-test', 'silent');
  const configStore = new BusConfigStore(
    pipeline.bus,
    topicName(pipeline.config.kafka.topicPrefix, TOPIC.config),
    logger,
  );
  const client = createElasticsearchClient(pipeline.config.elasticsearch);
  const stores = {
    windows: new ElasticsearchWindowStore(client, pipeline.config.elasticsearch),
    hits: new ElasticsearchHitStore(client, pipeline.config.elasticsearch),
    alerts: new ElasticsearchAlertStore(client, pipeline.config.elasticsearch),
  };
  const received: (AlertEvent & { receivedAt: number })[] = [];
  // The team's webhook: checks every delivery's signature, fails the first one.
  const secret = 'the-ops-webhook-secret';
  const hooked: { payload: AlertPayload; verified: boolean }[] = [];
  let hookCalls = 0;
  const hook = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      hookCalls++;
      const header = request.headers[SIGNATURE_HEADER];
      const verified = verifyWebhookSignature({
        secret,
        header: typeof header === 'string' ? header : undefined,
        body,
      });
      if (hookCalls === 1) return response.writeHead(503).end();
      hooked.push({ payload: JSON.parse(body) as AlertPayload, verified });
      response.writeHead(204).end();
    });
  });
  let feed: Subscription;
  let processor: Processor;
  let alerter: Alerter;

  const of = (ruleId: string, state?: AlertEvent['state']) =>
    received.filter((a) => a.ruleId === ruleId && (state === undefined || a.state === state));

  beforeAll(async () => {
    await pipeline.setup();
    await configStore.start();
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    await new AlertChannels(configStore).put({
      id: 'ops-hook',
      name: 'Ops',
      type: 'webhook',
      url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/sightline`,
      secret,
    });
    const rules = new AlertRules(configStore);
    await rules.put(rule({ id: 'error-burst', cooldownMinutes: 10, channels: ['ops-hook'] }));
    await rules.put(rule({ id: 'error-burst-again', cooldownMinutes: 0 }));
    await rules.put(
      rule({
        id: 'traffic-spike',
        metric: 'pageviews',
        condition: { kind: 'change', direction: 'up', percent: 200, against: 'previous_window' },
      }),
    );
    // The last three minutes' traffic, stored before this processor started: 2 page views per
    // 10 seconds, the base the spike is measured against.
    const now = Date.now();
    const windows = [];
    for (
      let start = bucketStart(now) - 3 * MINUTE;
      start < bucketStart(now) - STEP_MS;
      start += STEP_MS
    )
      windows.push({
        v: CONTRACT_VERSION,
        site: SITE,
        start,
        partition: 0,
        final: true,
        metrics: { ...emptyWindowMetrics(), events: 2, pageviews: 2, types: { pageview: 2 } },
        activeVisitors: 2,
        watermark: start + STEP_MS,
      });
    await stores.windows.writeWindows(windows);
    await stores.windows.refresh();
    feed = await pipeline.bus.subscribe({
      topics: [topicName(pipeline.config.kafka.topicPrefix, TOPIC.alerts)],
      group: broadcastGroup('alerts-test'),
      commit: 'none',
      // eslint-disable-next-line @typescript-eslint/require-await -- the bus awaits a promise
      async handleBatch(batch) {
        for (const message of batch.messages) {
          const alert = readJsonMessage(message.value, alertEvent);
          if (alert) received.push({ ...alert, receivedAt: Date.now() });
        }
      },
    });
    processor = await pipeline.startInProcess();
    alerter = await startAlerter({
      bus: pipeline.bus,
      configStore,
      stores,
      logger,
      registry: createMetrics('alerter-test'),
      topicPrefix: pipeline.config.kafka.topicPrefix,
      settings: pipeline.config.alerts,
    });
    await until(() => alerter.evaluating(), { timeoutMs: 30_000, what: 'evaluating' });
  });

  afterAll(async () => {
    await alerter?.close();
    await processor?.close();
    await feed?.close();
    await configStore.close();
    await client.close();
    await pipeline.close();
    hook.closeAllConnections();
    await new Promise((resolve) => hook.close(resolve));
  });

  it('fires on a traffic spike and an error burst at the end of their window, signs them to the webhook, resolves after, and holds the cooldown', async () => {
    // The burst: 60 page views (6 times the minute before) and 8 errors in one window.
    const sentAt = await startOfWindow();
    const burst = Array.from({ length: 20 }, (_, v) => [
      ...[0, 1, 2].map((n) => shopEvent(SITE, 'pageview', `v${v}`, n, sentAt)),
      ...(v < 8 ? [shopEvent(SITE, 'js_error', `v${v}`, 0, sentAt)] : []),
    ]);
    await pipeline.publish(burst.map((events, offset) => ({ offset, events })));
    const windowEnd = bucketStart(sentAt) + STEP_MS;

    await until(
      () => ['error-burst', 'error-burst-again', 'traffic-spike'].every((id) => of(id).length > 0),
      {
        timeoutMs: 40_000,
        what: 'the three rules fired',
      },
    );
    for (const id of ['error-burst', 'error-burst-again', 'traffic-spike'])
      // Fired at the first evaluation step after the burst's window filled.
      expect(
        of(id, 'firing').map((a) => a.firedAt),
        id,
      ).toEqual([windowEnd]);
    expect(of('error-burst')[0]).toMatchObject({
      id: `${SITE}:error-burst:${windowEnd}`,
      site: SITE,
      value: 8,
      condition: { kind: 'above', threshold: 5 },
    });
    const spike = of('traffic-spike')[0]!;
    expect(spike.value).toBeGreaterThanOrEqual(60);
    expect(spike.base).toBeGreaterThan(0);
    expect(spike.base).toBeLessThanOrEqual(12);

    // The burst leaves the one-minute window six steps later: every rule resolves.
    await until(
      () =>
        ['error-burst', 'error-burst-again', 'traffic-spike'].every(
          (id) => of(id, 'resolved').length > 0,
        ),
      {
        timeoutMs: 90_000,
        everyMs: 250,
        what: 'the three rules resolved',
      },
    );
    for (const id of ['error-burst', 'error-burst-again'])
      expect(of(id, 'resolved')[0]).toMatchObject({
        id: `${SITE}:${id}:${windowEnd}`,
        resolvedAt: windowEnd + MINUTE,
        resolvedBy: 'rule',
        value: 0,
      });
    expect(of('traffic-spike', 'resolved')[0]!.resolvedAt).toBe(windowEnd + MINUTE);

    // A second burst within the ten-minute cooldown: only the rule without one fires again.
    const againAt = await startOfWindow();
    await pipeline.publish(
      Array.from({ length: 8 }, (_, v) => ({
        offset: v,
        events: [shopEvent(SITE, 'js_error', `w${v}`, 1, againAt)],
      })),
    );
    const againEnd = bucketStart(againAt) + STEP_MS;
    await until(() => of('error-burst-again', 'firing').length === 2, {
      timeoutMs: 40_000,
      what: 'the rule without cooldown fired again',
    });
    expect(of('error-burst-again', 'firing')[1]!.firedAt).toBe(againEnd);
    // One more step, and the rule with a cooldown has still not fired a second time.
    await new Promise((resolve) => setTimeout(resolve, STEP_MS + 2_000));
    expect(of('error-burst', 'firing')).toHaveLength(1);

    // The webhook got the fire (after one retry) and the resolution, each signed.
    await until(() => hooked.length >= 2, { timeoutMs: 20_000, what: 'two webhook deliveries' });
    expect(hooked.map((h) => [h.payload.type, h.payload.alert.id, h.verified])).toEqual([
      ['alert.firing', `${SITE}:error-burst:${windowEnd}`, true],
      ['alert.resolved', `${SITE}:error-burst:${windowEnd}`, true],
    ]);
    const deliveries = await stores.alerts.deliveries({
      site: SITE,
      alertId: `${SITE}:error-burst:${windowEnd}`,
      range: { from: 0, to: Date.now() + MINUTE },
      limit: 10,
    });
    expect(deliveries.map((d) => [d.state, d.attempt, d.ok, d.status]).sort()).toEqual(
      [
        ['firing', 1, false, 503],
        ['firing', 2, true, 204],
        ['resolved', 1, true, 204],
      ].sort(),
    );

    // The history holds each alert in its latest state.
    await stores.alerts.refresh();
    const history = await stores.alerts.alerts({
      site: SITE,
      range: { from: windowEnd - MINUTE, to: Date.now() + MINUTE },
      limit: 20,
    });
    expect(history.map((a) => [a.ruleId, a.state, a.firedAt]).sort()).toEqual(
      [
        ['error-burst', 'resolved', windowEnd],
        ['error-burst-again', 'resolved', windowEnd],
        ['error-burst-again', 'firing', againEnd],
        ['traffic-spike', 'resolved', windowEnd],
      ].sort(),
    );
  }, 240_000);
});
