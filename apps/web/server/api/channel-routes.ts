import type { AlertStore } from '@sightline/ports';
import { AlertChannels, AlertRules } from '@sightline/config-store';
import { alertChannel, channelId, type AlertDelivery } from '@sightline/contract';
import {
  checkWebhookUrl,
  deliverAlert,
  WebhookAddressError,
  type WebhookPolicy,
} from '@sightline/notify';
import { z } from 'zod';
import { publicChannel } from '../alerts/public-channel.js';
import { testAlert } from '../alerts/test-alert.js';
import { knownSite } from './known-site.js';
import { parseBody } from './parse.js';
import type { RouteContext } from './route-context.js';

type ChannelParams = { Params: { id: string } };

const testBody = z.object({ site: z.string().min(1).max(64) });

/**
 * Notification channels (shared by every site's rules): list (secrets and full webhook
 * addresses never sent back), save (a webhook's address and secret kept when left out),
 * delete (refused while a rule uses it), and "send a test" with the delivery's outcome.
 */
export function channelRoutes(
  { app, store, sites, owner, viewer }: RouteContext,
  deps: {
    alerts: Pick<AlertStore, 'writeDeliveries'>;
    smtp?: { url: string; from: string };
    adminUrl: string;
    /** Where webhooks may go besides public addresses (checked when a channel is saved). */
    webhooks: WebhookPolicy;
  },
): void {
  const channels = new AlertChannels(store);
  const rules = new AlertRules(store);

  app.get('/api/channels', viewer, () =>
    channels
      .list()
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(publicChannel),
  );

  app.put<ChannelParams>('/api/channels/:id', owner, async (request, reply) => {
    const id = parseBody(channelId, request.params.id, reply);
    if (!id) return;
    const body = typeof request.body === 'object' && request.body !== null ? request.body : {};
    const known = channels.get(id);
    // Left out (or empty), a webhook keeps the address and secret it has.
    const kept =
      known?.type === 'webhook'
        ? Object.fromEntries(
            (['url', 'secret'] as const).flatMap((field) => {
              const given = (body as Record<string, unknown>)[field];
              return given === undefined || given === '' ? [[field, known[field]]] : [];
            }),
          )
        : {};
    const channel = parseBody(alertChannel, { ...body, ...kept, id }, reply);
    if (!channel) return;
    if (channel.type === 'webhook') {
      try {
        await checkWebhookUrl(channel.url, deps.webhooks);
      } catch (error) {
        if (!(error instanceof WebhookAddressError)) throw error;
        return reply.code(400).send({
          error: 'invalid_request',
          message: `the webhook address is refused: ${error.message}`,
          issues: [{ path: 'url', message: error.message }],
        });
      }
    }
    await channels.put(channel);
    return publicChannel(channel);
  });

  app.delete<ChannelParams>('/api/channels/:id', owner, async (request, reply) => {
    if (!channels.get(request.params.id))
      return reply.code(404).send({ error: 'not_found', message: 'no such channel' });
    const users = rules.list().filter((rule) => rule.channels.includes(request.params.id));
    if (users.length > 0)
      return reply.code(409).send({
        error: 'in_use',
        message: `used by ${users.map((rule) => `${rule.site}/${rule.name}`).join(', ')}`,
      });
    await channels.remove(request.params.id);
    return reply.code(204).send();
  });

  app.post<ChannelParams>('/api/channels/:id/test', owner, async (request, reply) => {
    const channel = channels.get(request.params.id);
    if (!channel) return reply.code(404).send({ error: 'not_found', message: 'no such channel' });
    const body = parseBody(testBody, request.body, reply);
    if (!body || !knownSite(sites, body.site, reply)) return;
    const attempts: AlertDelivery[] = [];
    // One attempt: the owner is waiting for the answer.
    const last = await deliverAlert(testAlert(body.site, channel.id, Date.now()), channel, {
      ...(deps.smtp ? { smtp: deps.smtp } : {}),
      adminUrl: deps.adminUrl,
      webhooks: deps.webhooks,
      retry: { attempts: 1 },
      onAttempt: (delivery) => {
        attempts.push(delivery);
      },
    });
    await deps.alerts.writeDeliveries(attempts);
    return last;
  });
}
