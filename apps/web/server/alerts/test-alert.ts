import { CONTRACT_VERSION, type AlertEvent } from '@sightline/contract';

/** What "send a test" sends to a channel: an alert marked as a test, from no real rule. */
export function testAlert(site: string, channelId: string, now: number): AlertEvent {
  return {
    v: CONTRACT_VERSION,
    id: `${site}:test-${channelId}:${now}`,
    site,
    ruleId: 'test',
    ruleName: 'Test notification',
    state: 'firing',
    metric: 'js_errors',
    condition: { kind: 'above', threshold: 5 },
    windowMinutes: 1,
    channels: [channelId],
    value: 6,
    firedAt: now,
    test: true,
    at: now,
  };
}
