import type { ChildProcess } from 'node:child_process';
import { bucketStart, STEP_MS } from '@sightline/alerting';
import { broadcastGroup, TOPIC, topicName } from '@sightline/bus';
import { AlertRules, BusConfigStore } from '@sightline/config-store';
import { alertEvent, readJsonMessage, type AlertEvent } from '@sightline/contract';
import { createLogger } from '@sightline/observability';
import type { Subscription } from '@sightline/ports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/free-port.js';
import { until } from '../../../test/until.js';
import type { Processor } from '../../processor/src/index.js';
import { Pipeline } from '../../processor/test/pipeline.js';
import { shopEvent, startOfWindow } from './alert-traffic.js';

const SITE = 'takeover-shop';

/** Whether the alerter whose operations port is `port` evaluates the rules now. */
async function evaluates(port: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`).catch(() => undefined);
  if (!response?.ok) return false;
  return /^sightline_alert_evaluator_active(\{[^}]*\})? 1$/m.test(await response.text());
}

describe('the alerter as processes of its own, one killed with SIGKILL', () => {
  const pipeline = new Pipeline({ partitions: 1 });
  const logger = createLogger('takeover-test', 'silent');
  const configStore = new BusConfigStore(
    pipeline.bus,
    topicName(pipeline.config.kafka.topicPrefix, TOPIC.config),
    logger,
  );
  const received: AlertEvent[] = [];
  let feed: Subscription;
  let processor: Processor;
  const alerters: { child: ChildProcess; port: number }[] = [];

  beforeAll(async () => {
    await pipeline.setup();
    await configStore.start();
    await new AlertRules(configStore).put({
      id: 'errors',
      site: SITE,
      name: 'Errors',
      metric: 'js_errors',
      windowMinutes: 1,
      condition: { kind: 'above', threshold: 4 },
    });
    feed = await pipeline.bus.subscribe({
      topics: [topicName(pipeline.config.kafka.topicPrefix, TOPIC.alerts)],
      group: broadcastGroup('takeover-test'),
      commit: 'none',
      // eslint-disable-next-line @typescript-eslint/require-await -- the bus awaits a promise
      async handleBatch(batch) {
        for (const message of batch.messages) {
          const alert = readJsonMessage(message.value, alertEvent);
          if (alert) received.push(alert);
        }
      },
    });
    processor = await pipeline.startInProcess();
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      // The alerter never reads InfluxDB: pointed at a port where nothing listens, it still starts.
      const env = { ALERTER_PORT: String(port), INFLUXDB_URL: 'http://127.0.0.1:9' };
      alerters.push({ child: pipeline.spawnApp('alerter', env), port });
    }
    await until(
      async () =>
        (await Promise.all(alerters.map(({ port }) => evaluates(port)))).filter(Boolean).length ===
        1,
      { timeoutMs: 90_000, everyMs: 500, what: 'one of the two alerters evaluating' },
    );
  });

  afterAll(async () => {
    for (const { child } of alerters) await pipeline.kill(child);
    await processor?.close();
    await feed?.close();
    await configStore.close();
    await pipeline.close();
  });

  it('hands the evaluation to the other copy, which fires once on what happens next', async () => {
    const states = await Promise.all(alerters.map(({ port }) => evaluates(port)));
    const leader = alerters[states.indexOf(true)]!;
    const other = alerters[states.indexOf(false)]!;
    await pipeline.kill(leader.child);
    await until(() => evaluates(other.port), {
      timeoutMs: 60_000,
      everyMs: 500,
      what: 'the other alerter evaluating',
    });

    // Five errors in one window, early in it: the rule fires at the window's end.
    const sentAt = await startOfWindow();
    await pipeline.publish(
      Array.from({ length: 5 }, (_, v) => ({
        offset: v,
        events: [shopEvent(SITE, 'js_error', `v${v}`, 0, sentAt)],
      })),
    );
    const windowEnd = bucketStart(sentAt) + STEP_MS;
    await until(() => received.some((a) => a.ruleId === 'errors' && a.state === 'firing'), {
      timeoutMs: 60_000,
      what: 'the rule fired',
    });
    // A step more: the killed copy's death sends nothing twice.
    await new Promise((resolve) => setTimeout(resolve, STEP_MS + 2_000));
    const fired = received.filter((a) => a.ruleId === 'errors' && a.state === 'firing');
    expect(fired.map((a) => [a.id, a.value])).toEqual([[`${SITE}:errors:${windowEnd}`, 5]]);
  }, 180_000);
});
