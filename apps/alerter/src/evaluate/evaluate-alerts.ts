import {
  bucketStart,
  lookbackMs,
  MINUTE_MS,
  RuleEvaluator,
  settledStep,
  SiteSeries,
  STEP_MS,
  WEEK_MS,
} from '@sightline/alerting';
import type { Bus, Subscription, ConfigStore } from '@sightline/ports';
import { broadcastGroup, TOPIC, topicName } from '@sightline/bus';
import { AlertRules } from '@sightline/config-store';
import {
  alertEvent,
  profileHit,
  readJsonMessage,
  windowAggregate,
  type AlertEvent,
  type AlertRule,
} from '@sightline/contract';
import type { Logger } from '@sightline/observability';
import type { AlertMetrics } from '../metrics.js';
import { loadSeries } from './load-series.js';
import type { AlertingStores } from '../ports.js';

/** How far back a rule may read, besides a week ago: the longest window, twice. */
const LIVE_SPAN_MS = 2 * 60 * MINUTE_MS;
/** The last alert of each rule is looked up this far back when taking over. */
const HISTORY_MS = 30 * 24 * 60 * MINUTE_MS;
/** Steps missed (a stalled process) are caught up to this many, in order; older ones skipped. */
const MAX_CATCH_UP = 6;

export interface AlertEvaluatorDeps {
  bus: Bus;
  configStore: ConfigStore;
  stores: AlertingStores;
  logger: Logger;
  metrics: AlertMetrics;
  topicPrefix: string;
  /** The alerter's group: the copy holding the `aggregates` topic in it evaluates. */
  group: string;
  settleMs: number;
  now?: () => number;
}

export interface AlertEvaluator {
  /** Whether this copy evaluates the rules now (the one holding the aggregates topic). */
  evaluating(): boolean;
  close(): Promise<void>;
}

/**
 * Evaluates every alert rule every 10 seconds over the live windows. Copies of the alerter
 * form a group on the single-partition `aggregates` topic: the one holding it evaluates, and
 * when it goes, another takes over and resumes from the stores (recent windows and hits, each
 * rule's last alert). Alerts are written to the history before they go out on `alerts`.
 */
export async function startAlertEvaluator(deps: AlertEvaluatorDeps): Promise<AlertEvaluator> {
  const { logger, metrics, stores } = deps;
  const now = deps.now ?? Date.now;
  const rules = new AlertRules(deps.configStore);
  const aggregatesTopic = topicName(deps.topicPrefix, TOPIC.aggregates);
  const alertsTopic = topicName(deps.topicPrefix, TOPIC.alerts);

  let leading = false;
  /** Counts changes of leadership: work begun under an earlier one is dropped. */
  let generation = 0;
  let evaluator: RuleEvaluator | undefined;
  let series = new Map<string, SiteSeries>();
  /** Sites whose recent past was read from the stores, and up to where their last week was. */
  let loaded = new Set<string>();
  let weekLoadedTo = new Map<string, number>();
  let lastStep = 0;
  /** Alerts decided but not yet both stored and published: tried again next step. */
  let unsent: AlertEvent[] = [];

  const seriesOf = (site: string) => {
    let siteSeries = series.get(site);
    if (!siteSeries) series.set(site, (siteSeries = new SiteSeries()));
    return siteSeries;
  };

  function lead(now_: number): void {
    leading = true;
    generation++;
    series = new Map();
    loaded = new Set();
    weekLoadedTo = new Map();
    evaluator = undefined;
    lastStep = settledStep(now_, deps.settleMs) - STEP_MS;
    metrics.evaluating.set(1);
    logger.info('evaluating alert rules');
  }

  function stepDown(): void {
    leading = false;
    generation++;
    evaluator = undefined;
    series = new Map();
    metrics.evaluating.set(0);
    logger.info('no longer evaluating alert rules');
  }

  /** Each rule's last alert, for the evaluator to resume from. */
  async function resume(): Promise<RuleEvaluator> {
    const latest = await stores.alerts.latestByRule(now() - HISTORY_MS);
    const history = new Map(latest.map((alert) => [`${alert.site}:${alert.ruleId}`, alert]));
    return new RuleEvaluator((site, ruleId) => history.get(`${site}:${ruleId}`));
  }

  /** Reads from the stores what the rules of each site need and the live feed did not bring. */
  async function loadPast(active: AlertRule[], at: number): Promise<void> {
    const bySite = new Map<string, AlertRule[]>();
    for (const rule of active) bySite.set(rule.site, [...(bySite.get(rule.site) ?? []), rule]);
    for (const [site, siteRules] of bySite) {
      const withHits = siteRules.some((rule) => rule.metric === 'profile_hits');
      if (!loaded.has(site)) {
        await loadSeries(
          stores,
          seriesOf(site),
          site,
          { from: at - LIVE_SPAN_MS, to: at + STEP_MS },
          withHits,
        );
        loaded.add(site);
      }
      const weekWindow = Math.max(
        0,
        ...siteRules.filter((rule) => lookbackMs(rule) > WEEK_MS).map((rule) => rule.windowMinutes),
      );
      if (weekWindow > 0) {
        const needFrom = at - WEEK_MS - weekWindow * MINUTE_MS;
        const from = Math.max(weekLoadedTo.get(site) ?? needFrom, needFrom);
        if (from < at - WEEK_MS) {
          // Half an hour ahead at a time: a week ago does not change any more.
          const to = at - WEEK_MS + 30 * MINUTE_MS;
          await loadSeries(stores, seriesOf(site), site, { from, to }, withHits);
          weekLoadedTo.set(site, to);
        }
      }
    }
  }

  function prune(active: AlertRule[], at: number): void {
    const sites = new Set(active.map((rule) => rule.site));
    for (const site of series.keys()) if (!sites.has(site)) series.delete(site);
    const liveFrom = at - LIVE_SPAN_MS - STEP_MS;
    const weekFrom = at - WEEK_MS - 61 * MINUTE_MS;
    const weekTo = at - WEEK_MS + 31 * MINUTE_MS;
    for (const siteSeries of series.values())
      siteSeries.prune((start) => start >= liveFrom || (start >= weekFrom && start < weekTo));
  }

  async function send(): Promise<void> {
    if (unsent.length === 0) return;
    const batch = unsent;
    await stores.alerts.writeAlerts(batch);
    await deps.bus.publish(
      alertsTopic,
      batch.map((alert) => ({
        key: `${alert.site}:${alert.ruleId}`,
        value: JSON.stringify(alert),
      })),
    );
    unsent = unsent.slice(batch.length);
    for (const alert of batch) {
      metrics.alerts.inc({ state: alert.state });
      logger.info(
        { alert: alert.id, state: alert.state, value: alert.value, base: alert.base },
        alert.state === 'firing' ? 'alert fired' : 'alert resolved',
      );
    }
  }

  async function evaluateDue(): Promise<void> {
    const mine = generation;
    const at = settledStep(now(), deps.settleMs);
    evaluator ??= await resume();
    if (mine !== generation) return;
    const active = rules.list().filter((rule) => rule.enabled);
    await loadPast(active, at);
    if (mine !== generation) return;
    if (at - lastStep > MAX_CATCH_UP * STEP_MS) {
      logger.warn({ skipped: (at - lastStep) / STEP_MS - MAX_CATCH_UP }, 'alert steps skipped');
      lastStep = at - MAX_CATCH_UP * STEP_MS;
    }
    const stop = metrics.evaluations.startTimer();
    for (let step = lastStep + STEP_MS; step <= at; step += STEP_MS)
      unsent.push(...evaluator.evaluate(active, seriesOf, step, now()));
    stop();
    lastStep = Math.max(lastStep, at);
    prune(active, at);
    await send();
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;
  function schedule(): void {
    if (closed) return;
    const t = now();
    const next = bucketStart(t - deps.settleMs) + STEP_MS + deps.settleMs;
    timer = setTimeout(() => {
      running = (leading ? evaluateDue() : Promise.resolve())
        .catch((error: unknown) =>
          logger.error({ err: String(error) }, 'alert evaluation failed; trying again next step'),
        )
        .finally(schedule);
    }, next - t);
  }

  const subscriptions: Subscription[] = [];
  subscriptions.push(
    await deps.bus.subscribe({
      topics: [aggregatesTopic],
      group: deps.group,
      commit: 'none',
      onAssignment(assignment) {
        const holds = assignment.some((tp) => tp.topic === aggregatesTopic);
        if (holds && !leading) lead(now());
        else if (!holds && leading) stepDown();
      },
      // eslint-disable-next-line @typescript-eslint/require-await -- the bus awaits a promise
      async handleBatch(batch) {
        if (!leading) return;
        for (const message of batch.messages) {
          const window = readJsonMessage(message.value, windowAggregate);
          if (window) seriesOf(window.site).addWindow(window);
          else logger.warn({ offset: message.offset }, 'skipped a malformed window message');
        }
      },
    }),
  );
  // Every copy hears hits and owners' resolutions; only the evaluating one keeps them.
  subscriptions.push(
    await deps.bus.subscribe({
      topics: [topicName(deps.topicPrefix, TOPIC.profileHits), alertsTopic],
      group: broadcastGroup(`${deps.group}.feed`),
      commit: 'none',
      // eslint-disable-next-line @typescript-eslint/require-await -- the bus awaits a promise
      async handleBatch(batch) {
        if (!leading) return;
        for (const message of batch.messages) {
          if (batch.topic === alertsTopic) {
            const alert = readJsonMessage(message.value, alertEvent);
            if (alert?.resolvedBy === 'owner') evaluator?.resolvedByOwner(alert);
            continue;
          }
          const hit = readJsonMessage(message.value, profileHit);
          if (hit) seriesOf(hit.site).addHit(hit);
        }
      },
    }),
  );
  schedule();

  return {
    evaluating: () => leading,
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
      await Promise.all(subscriptions.map((subscription) => subscription.close()));
      metrics.evaluating.set(0);
    },
  };
}
