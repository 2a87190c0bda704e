import type { AlertEvent } from '@sightline/contract';
import { describe, expect, it } from 'vitest';
import {
  previewRule,
  RuleEvaluator,
  SiteSeries,
  stepRule,
  initialRuleState,
} from '../src/index.js';
import { rule, T0, traffic } from './fixtures.js';

const STEP = 10_000;

/** Steps `rule` from `from` to `to` over a series, as the worker does every 10 seconds. */
function run(
  rules: ReturnType<typeof rule>[],
  series: SiteSeries,
  from: number,
  to: number,
  evaluator = new RuleEvaluator(() => undefined),
) {
  const events: AlertEvent[] = [];
  for (let at = from; at <= to; at += STEP)
    events.push(...evaluator.evaluate(rules, () => series, at, at));
  return { events, evaluator };
}

/** A series with `errors` JS errors in each bucket from `from` for `count` buckets. */
function burst(series: SiteSeries, from: number, count: number, errors: number) {
  for (let i = 0; i < count; i++)
    series.addWindow({ start: from + i * STEP, partition: i % 2, metrics: traffic(3, errors) });
}

describe('the rule evaluator', () => {
  it('fires "more than 5 errors a minute" at the end of the bucket that crosses it, and resolves once the minute is clear', () => {
    const series = new SiteSeries();
    burst(series, T0, 6, 0);
    burst(series, T0 + 60_000, 1, 8); // the burst: one bucket of 8 errors
    burst(series, T0 + 70_000, 12, 0);
    const { events } = run([rule()], series, T0 + 10_000, T0 + 190_000);
    expect(events.map((e) => [e.state, e.firedAt, e.resolvedAt, e.value])).toEqual([
      ['firing', T0 + 70_000, undefined, 8],
      // The bucket leaves the 1-minute window six steps later.
      ['resolved', T0 + 70_000, T0 + 130_000, 0],
    ]);
    expect(events[0]).toMatchObject({
      id: `shop:errors-per-minute:${T0 + 70_000}`,
      site: 'shop',
      ruleId: 'errors-per-minute',
      metric: 'js_errors',
      condition: { kind: 'above', threshold: 5 },
    });
    // The resolution keeps the value that fired it beside the one that cleared it.
    expect(events[1]).toMatchObject({ id: events[0]!.id, resolvedBy: 'rule', firedValue: 8 });
  });

  it("holds a breach for the rule's for-duration before firing", () => {
    const series = new SiteSeries();
    burst(series, T0, 30, 1); // 6 errors per minute, every minute
    const held = rule({ forMinutes: 2 });
    const { events } = run([held], series, T0 + 60_000, T0 + 400_000);
    // Breached from T0+60 s (the first full minute); fires two minutes later, and resolves when
    // the last error-bearing bucket's minute is no longer full.
    expect(events.map((e) => [e.state, e.firedAt, e.resolvedAt])).toEqual([
      ['firing', T0 + 180_000, undefined],
      ['resolved', T0 + 180_000, T0 + 310_000],
    ]);
  });

  it('keeps quiet for the cooldown after a fire, then fires again on a breach still there', () => {
    const series = new SiteSeries();
    burst(series, T0, 1, 9); // first burst
    burst(series, T0 + 120_000, 1, 9); // second burst 2 minutes later: in the cooldown
    burst(series, T0 + 360_000, 1, 9); // third, after it
    const cooled = rule({ cooldownMinutes: 5 });
    const { events } = run([cooled], series, T0 + 10_000, T0 + 500_000);
    expect(events.filter((e) => e.state === 'firing').map((e) => e.firedAt)).toEqual([
      T0 + 10_000,
      T0 + 370_000,
    ]);
  });

  it('without auto-resolve stays firing until an owner resolves it', () => {
    const series = new SiteSeries();
    burst(series, T0, 1, 9);
    const manual = rule({ autoResolve: false });
    const { events, evaluator } = run([manual], series, T0 + 10_000, T0 + 300_000);
    expect(events.map((e) => e.state)).toEqual(['firing']);
    expect(evaluator.firing('shop', manual.id)).toBe(events[0]!.id);
    evaluator.resolvedByOwner({ ...events[0]!, state: 'resolved', resolvedBy: 'owner' });
    expect(evaluator.firing('shop', manual.id)).toBeUndefined();
  });

  it('resolves the open alert of a rule that was disabled or removed', () => {
    const series = new SiteSeries();
    burst(series, T0, 1, 9);
    const { events, evaluator } = run([rule()], series, T0 + 10_000, T0 + 10_000);
    expect(events.map((e) => e.state)).toEqual(['firing']);
    const after = evaluator.evaluate(
      [rule({ enabled: false })],
      () => series,
      T0 + 20_000,
      T0 + 20_000,
    );
    expect(after).toMatchObject([
      { state: 'resolved', resolvedBy: 'owner', id: events[0]!.id, value: 9, firedValue: 9 },
    ]);
  });

  it('resumes from the history: a rule firing before a restart does not fire again', () => {
    const series = new SiteSeries();
    burst(series, T0, 1, 9);
    const first = run([rule()], series, T0 + 10_000, T0 + 10_000).events[0]!;
    const restarted = new RuleEvaluator((site, ruleId) =>
      site === first.site && ruleId === first.ruleId ? first : undefined,
    );
    const { events } = run([rule()], series, T0 + 20_000, T0 + 80_000, restarted);
    expect(events.map((e) => [e.state, e.id])).toEqual([['resolved', first.id]]);
  });

  it('the preview fires where the evaluator does', () => {
    const series = new SiteSeries();
    burst(series, T0, 60, 0);
    burst(series, T0 + 100_000, 2, 4);
    burst(series, T0 + 400_000, 1, 7);
    const r = rule({ cooldownMinutes: 1 });
    const { events } = run([r], series, T0 + 10_000, T0 + 590_000);
    const preview = previewRule(r, (start) => series.value(r, start), {
      from: T0 + 10_000,
      to: T0 + 590_000,
    });
    const fired = events.filter((e) => e.state === 'firing').map((e) => e.firedAt);
    expect(preview.alerts.map((a) => a.firedAt)).toEqual(fired);
    expect(fired).toEqual([T0 + 120_000, T0 + 410_000]);
    expect(preview.alerts[0]!.resolvedAt).toBe(
      events.find((e) => e.state === 'resolved')!.resolvedAt,
    );
    // One point per minute, each saying whether the condition held in it.
    expect(preview.points.filter((p) => p.breached).length).toBeGreaterThan(0);
    expect(preview.points.every((p, i, all) => i === 0 || p.t - all[i - 1]!.t <= 60_000)).toBe(
      true,
    );
  });

  it('a pending breach that clears before the for-duration never fires', () => {
    const r = rule({ forMinutes: 1 });
    let state = initialRuleState();
    const steps = [true, true, false, true].map((breached, i) => {
      const step = stepRule(r, state, { breached, value: breached ? 9 : 0 }, T0 + i * 30_000);
      state = step.state;
      return step.transition?.kind;
    });
    expect(steps).toEqual([undefined, undefined, undefined, undefined]);
    expect(state.current).toEqual({ phase: 'pending', since: T0 + 90_000 });
  });
});
