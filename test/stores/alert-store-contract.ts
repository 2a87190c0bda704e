import { CONTRACT_VERSION, type AlertDelivery, type AlertEvent } from '@sightline/contract';
import type { AlertStore } from '@sightline/ports';
import { expect, it } from 'vitest';

/** An alert of `ruleId` fired at `firedAt`, firing or resolved a minute later. */
export const alertFixture = (
  ruleId: string,
  firedAt: number,
  state: 'firing' | 'resolved' = 'firing',
  site = 'shop',
): AlertEvent => ({
  v: CONTRACT_VERSION,
  id: `${site}:${ruleId}:${firedAt}`,
  site,
  ruleId,
  ruleName: `Rule ${ruleId}`,
  state,
  metric: 'js_errors',
  condition: { kind: 'above', threshold: 5 },
  windowMinutes: 1,
  channels: ['ops'],
  value: state === 'firing' ? 9 : 0,
  firedAt,
  ...(state === 'resolved' ? { resolvedAt: firedAt + 60_000, resolvedBy: 'rule' as const } : {}),
  at: state === 'firing' ? firedAt + 1 : firedAt + 60_001,
});

const delivery = (alert: AlertEvent, attempt: number, ok: boolean): AlertDelivery => ({
  id: `${alert.id}:${alert.state}:ops:${attempt}`,
  alertId: alert.id,
  site: alert.site,
  ruleId: alert.ruleId,
  state: alert.state,
  channelId: 'ops',
  channelType: 'webhook',
  attempt,
  ok,
  status: ok ? 200 : 500,
  durationMs: 12,
  at: alert.at + attempt * 1_000,
});

/** What every AlertStore must do: the same tests run against Elasticsearch and the embedded store. */
export function alertStoreContract(
  setup: () => { alerts: AlertStore; refresh: () => Promise<void> },
) {
  it('keeps each alert in its latest state, whatever order its messages come in', async () => {
    const { alerts, refresh } = setup();
    const t = 1_800_000_000_000;
    const resolved = alertFixture('errors', t, 'resolved');
    // The resolution first, then its fire delivered again: still resolved.
    await alerts.writeAlerts([resolved]);
    await alerts.writeAlerts([alertFixture('errors', t), alertFixture('errors', t)]);
    await alerts.writeAlerts([
      alertFixture('errors', t + 600_000),
      alertFixture('traffic', t + 300_000, 'resolved'),
      alertFixture('errors', t + 700_000, 'firing', 'other-site'),
    ]);
    await refresh();
    const range = { from: t, to: t + 3_600_000 };
    const history = await alerts.alerts({ site: 'shop', range, limit: 10 });
    expect(history.map((a) => [a.ruleId, a.firedAt, a.state])).toEqual([
      ['errors', t + 600_000, 'firing'],
      ['traffic', t + 300_000, 'resolved'],
      ['errors', t, 'resolved'],
    ]);
    expect(history[2]).toEqual(resolved);
    const ofRule = await alerts.alerts({ site: 'shop', range, ruleId: 'traffic', limit: 10 });
    expect(ofRule.map((a) => a.id)).toEqual([`shop:traffic:${t + 300_000}`]);
    expect(await alerts.alerts({ site: 'shop', range, limit: 1 })).toHaveLength(1);
    const latest = await alerts.latestByRule(t);
    expect(latest.map((a) => [a.site, a.ruleId, a.firedAt, a.state]).sort()).toEqual(
      [
        ['other-site', 'errors', t + 700_000, 'firing'],
        ['shop', 'traffic', t + 300_000, 'resolved'],
      ].sort(),
    );
  });

  it('keeps every delivery attempt once, newest first, by site and alert', async () => {
    const { alerts, refresh } = setup();
    const t = 1_810_000_000_000;
    const fired = alertFixture('deliveries', t);
    const other = alertFixture('deliveries', t + 60_000);
    await alerts.writeDeliveries([delivery(fired, 1, false), delivery(fired, 2, true)]);
    await alerts.writeDeliveries([delivery(fired, 2, true), delivery(other, 1, true)]);
    await refresh();
    const range = { from: t, to: t + 3_600_000 };
    const all = await alerts.deliveries({ site: 'shop', range, limit: 10 });
    expect(all.map((d) => [d.alertId, d.attempt, d.ok])).toEqual([
      [other.id, 1, true],
      [fired.id, 2, true],
      [fired.id, 1, false],
    ]);
    const ofAlert = await alerts.deliveries({ site: 'shop', range, alertId: fired.id, limit: 10 });
    expect(ofAlert.map((d) => d.attempt)).toEqual([2, 1]);
    expect(ofAlert[1]).toEqual(delivery(fired, 1, false));
  });
}
