import type { AlertsConfig } from '@sightline/config';
import type { Bus, ConfigStore, Subscription } from '@sightline/ports';
import {
  startOpsServer,
  type Logger,
  type OpsServer,
  type Registry,
} from '@sightline/observability';
import { startAlertEvaluator, type AlertEvaluator } from './evaluate/evaluate-alerts.js';
import { createAlertMetrics } from './metrics.js';
import { startAlertNotifier } from './notify/notify-alerts.js';
import type { AlertingStores } from './ports.js';

export interface AlerterDeps {
  bus: Bus;
  /** Alert rules and channels. */
  configStore: ConfigStore;
  /** With the stores' readiness checks by name, when they are to be served. */
  stores: AlertingStores & { checks?: Record<string, () => Promise<void>> };
  logger: Logger;
  registry: Registry;
  topicPrefix: string;
  settings: AlertsConfig;
  /** Serve /healthz, /readyz and /metrics here; leave out to serve none. */
  ops?: { host: string; port: number };
}

export interface Alerter {
  opsPort?: number;
  /** Whether this copy evaluates the rules now (one copy of the group does). */
  evaluating(): boolean;
  readiness: Record<string, () => Promise<void>>;
  close(): Promise<void>;
}

/**
 * The alerter: evaluates the alert rules every 10 seconds over the windows the processor
 * publishes on `aggregates` (one copy of its group at a time, resuming from the stores when it
 * takes over), writes each alert to the history and publishes it on `alerts`, and sends it to
 * its rule's channels.
 */
export async function startAlerter(deps: AlerterDeps): Promise<Alerter> {
  const { bus, configStore, stores, settings } = deps;
  const metrics = createAlertMetrics(deps.registry);
  const common = {
    bus,
    configStore,
    stores,
    logger: deps.logger,
    metrics,
    topicPrefix: deps.topicPrefix,
    group: settings.group,
  };
  const evaluator: AlertEvaluator = await startAlertEvaluator({
    ...common,
    settleMs: settings.settleMs,
  });
  const notifier: Subscription = await startAlertNotifier({
    ...common,
    ...(settings.smtpUrl ? { smtp: { url: settings.smtpUrl, from: settings.emailFrom } } : {}),
    adminUrl: settings.adminUrl,
    webhooks: settings.webhooks,
  });

  const readiness: Record<string, () => Promise<void>> = {
    bus: () => bus.check(),
    ...stores.checks,
  };
  let ops: OpsServer | undefined;
  if (deps.ops) ops = await startOpsServer({ ...deps.ops, registry: deps.registry, readiness });

  return {
    ...(ops ? { opsPort: ops.port } : {}),
    evaluating: () => evaluator.evaluating(),
    readiness,
    async close() {
      await Promise.all([evaluator.close(), notifier.close()]);
      await ops?.close();
    },
  };
}
