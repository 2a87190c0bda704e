import type { Bus, Subscription, ConfigStore } from '@sightline/ports';
import { TOPIC, topicName } from '@sightline/bus';
import { AlertChannels } from '@sightline/config-store';
import { alertEvent, readJsonMessage, type AlertEvent } from '@sightline/contract';
import { deliverAlert, type WebhookPolicy } from '@sightline/notify';
import type { Logger } from '@sightline/observability';
import type { AlertMetrics } from '../metrics.js';
import type { AlertingStores } from '../ports.js';

export interface AlertNotifierDeps {
  bus: Bus;
  configStore: ConfigStore;
  stores: Pick<AlertingStores, 'alerts'>;
  logger: Logger;
  metrics: AlertMetrics;
  topicPrefix: string;
  /** The alerter's group: the notifiers' is derived from it. */
  group: string;
  smtp?: { url: string; from: string };
  adminUrl: string;
  /** Where webhooks may go besides public addresses. */
  webhooks: WebhookPolicy;
}

/**
 * Sends each alert fired or resolved to its rule's channels: a group of its own on `alerts`
 * (one copy sends), every attempt kept in the delivery log, offsets committed once a batch's
 * deliveries are done (sent, or out of retries). After a restart a batch may be read again: a
 * channel the log shows as already reached is skipped.
 */
export function startAlertNotifier(deps: AlertNotifierDeps): Promise<Subscription> {
  const { logger, metrics } = deps;
  const channels = new AlertChannels(deps.configStore);

  async function alreadySent(alert: AlertEvent): Promise<Set<string>> {
    const log = await deps.stores.alerts.deliveries({
      site: alert.site,
      alertId: alert.id,
      range: { from: 0, to: Date.now() + 86_400_000 },
      limit: 500,
    });
    return new Set(log.filter((d) => d.ok && d.state === alert.state).map((d) => d.channelId));
  }

  async function notify(alert: AlertEvent, heartbeat: () => Promise<void>): Promise<void> {
    const sent = await alreadySent(alert);
    await Promise.all(
      alert.channels
        .filter((id) => !sent.has(id))
        .map(async (id) => {
          const channel = channels.get(id);
          if (!channel) {
            logger.warn({ alert: alert.id, channel: id }, 'alert channel no longer exists');
            return;
          }
          await deliverAlert(alert, channel, {
            ...(deps.smtp ? { smtp: deps.smtp } : {}),
            adminUrl: deps.adminUrl,
            webhooks: deps.webhooks,
            onAttempt: async (delivery) => {
              metrics.deliveries.inc({
                channel: channel.type,
                outcome: delivery.ok ? 'sent' : 'failed',
              });
              if (!delivery.ok)
                logger.warn(
                  {
                    alert: alert.id,
                    channel: id,
                    attempt: delivery.attempt,
                    error: delivery.error,
                  },
                  'alert delivery failed',
                );
              await heartbeat().catch(() => undefined);
              await deps.stores.alerts
                .writeDeliveries([delivery])
                .catch((error: unknown) =>
                  logger.error({ err: String(error) }, 'writing the delivery log failed'),
                );
            },
          });
        }),
    );
  }

  return deps.bus.subscribe({
    topics: [topicName(deps.topicPrefix, TOPIC.alerts)],
    group: `${deps.group}.notify`,
    commit: 'after-batch',
    async handleBatch(batch, context) {
      const alerts: AlertEvent[] = [];
      for (const message of batch.messages) {
        const alert = readJsonMessage(message.value, alertEvent);
        if (!alert) logger.warn({ offset: message.offset }, 'skipped a malformed alert message');
        else if (!alert.test) alerts.push(alert);
      }
      // One alert's notifications after another's: a resolution never overtakes its fire.
      for (const alert of alerts) await notify(alert, () => context.heartbeat());
    },
  });
}
