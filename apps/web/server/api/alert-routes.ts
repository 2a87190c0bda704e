import type { AlertStore } from '@sightline/ports';
import { AlertChannels, AlertRules } from '@sightline/config-store';
import { alertRule, alertRuleId, type AlertEvent, type AlertRule } from '@sightline/contract';
import { z } from 'zod';
import { ownerResolution } from '../alerts/owner-resolution.js';
import { previewFromStores, type PreviewStores } from '../alerts/rule-preview.js';
import { knownSite } from './known-site.js';
import { parseBody } from './parse.js';
import { siteListRoute } from './site-list-route.js';
import { siteRecordRoutes } from './site-record-routes.js';
import type { RouteContext } from './route-context.js';

type SiteParams = { Params: { key: string }; Querystring: Record<string, unknown> };
type AlertParams = { Params: { key: string; alertId: string } };

const DAY_MS = 86_400_000;
/** How far back a rule's open alert is looked for. */
const OPEN_WITHIN_MS = 30 * DAY_MS;

const historyQuery = z.object({
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
  rule: alertRuleId.optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(200),
});
const previewBody = z.object({
  rule: z.record(z.string(), z.unknown()),
  /** The range previewed: the last 24 hours by default, at most 7 days. */
  from: z.number().int().min(0).optional(),
  to: z.number().int().min(0).optional(),
});

/**
 * Alert rules of a site (list with the open alert of each, save checked by the contract,
 * delete), the preview of a draft over stored data, the alerts' history with each delivery
 * attempt, and an owner's resolution of an open alert.
 */
export function alertRoutes(
  context: RouteContext,
  deps: {
    stores: PreviewStores & { alerts: AlertStore };
    /** Puts an owner's resolution on the alerts topic. */
    publishAlert: (alert: AlertEvent) => Promise<void>;
  },
): void {
  const { app, store, sites, owner, viewer } = context;
  const rules = new AlertRules(store);
  const channels = new AlertChannels(store);
  const openAlerts = async (site: string) => {
    const now = Date.now();
    const recent = await deps.stores.alerts.alerts({
      site,
      range: { from: now - OPEN_WITHIN_MS, to: now + DAY_MS },
      limit: 1_000,
    });
    return recent.filter((alert) => alert.state === 'firing' && !alert.test);
  };

  // Each rule with its open alert, if any.
  siteListRoute(context, 'alert-rules', async (site) => {
    const open = await openAlerts(site);
    return rules
      .list(site)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((rule) => ({ rule, firing: open.find((alert) => alert.ruleId === rule.id) ?? null }));
  });

  siteRecordRoutes<AlertRule>(app, {
    path: 'alert-rules',
    noun: 'alert rule',
    sites,
    records: rules,
    schema: alertRule,
    owner,
    // A rule that names a channel nobody made would fire into nothing.
    check(rule, reply) {
      const missing = rule.channels.findIndex((id) => !channels.get(id));
      if (missing < 0) return undefined;
      return reply.code(400).send({
        error: 'invalid_request',
        message: 'the request does not match the schema',
        issues: [
          { path: `channels.${missing}`, message: `no channel "${rule.channels[missing]}"` },
        ],
      });
    },
  });

  app.post<SiteParams>('/api/sites/:key/alert-rules/preview', viewer, async (request, reply) => {
    const site = request.params.key;
    if (!knownSite(sites, site, reply)) return;
    const body = parseBody(previewBody, request.body, reply);
    if (!body) return;
    const rule = parseBody(alertRule, { id: 'draft', name: 'Draft', ...body.rule, site }, reply);
    if (!rule) return;
    const to = body.to ?? Date.now();
    const from = body.from ?? to - DAY_MS;
    if (from >= to || to - from > 7 * DAY_MS)
      return reply.code(400).send({
        error: 'invalid_request',
        message: 'the range must be at most 7 days, from before to',
      });
    const preview = await previewFromStores(rule, { from, to }, deps.stores);
    return { from, to, ...preview };
  });

  app.get<SiteParams>('/api/sites/:key/alerts', viewer, async (request, reply) => {
    const site = request.params.key;
    if (!knownSite(sites, site, reply)) return;
    const query = parseBody(historyQuery, request.query, reply);
    if (!query) return;
    const to = query.to ?? Date.now() + DAY_MS;
    const from = query.from ?? to - 31 * DAY_MS;
    return deps.stores.alerts.alerts({
      site,
      range: { from, to },
      ...(query.rule ? { ruleId: query.rule } : {}),
      limit: query.limit,
    });
  });

  app.get<AlertParams>(
    '/api/sites/:key/alerts/:alertId/deliveries',
    viewer,
    async (request, reply) => {
      const site = request.params.key;
      if (!knownSite(sites, site, reply)) return;
      return deps.stores.alerts.deliveries({
        site,
        alertId: request.params.alertId,
        range: { from: 0, to: Date.now() + DAY_MS },
        limit: 200,
      });
    },
  );

  app.post<AlertParams>(
    '/api/sites/:key/alerts/:alertId/resolve',
    owner,
    async (request, reply) => {
      const site = request.params.key;
      if (!knownSite(sites, site, reply)) return;
      const alert = (await openAlerts(site)).find((a) => a.id === request.params.alertId);
      if (!alert)
        return reply.code(404).send({ error: 'not_found', message: 'no open alert with this id' });
      const resolved = ownerResolution(alert, Date.now());
      await deps.stores.alerts.writeAlerts([resolved]);
      await deps.publishAlert(resolved);
      return resolved;
    },
  );
}
