import { randomBytes } from 'node:crypto';
import {
  allowedOrigin,
  queryParamName,
  siteKey,
  siteRetention,
  type RetentionDefaults,
} from '@sightline/contract';
import { z } from 'zod';
import { installSnippets, trackerDir } from '../install/snippets.js';
import { knownSite } from './known-site.js';
import { parseBody } from './parse.js';
import type { RouteContext } from './route-context.js';

const siteFields = z.object({
  name: z.string().trim().min(1).max(128),
  origins: z.array(allowedOrigin).max(100),
  scrubParams: z.array(queryParamName).max(50).optional(),
  pathsIgnoreCase: z.boolean().optional(),
  retention: siteRetention.optional(),
});
const newSite = siteFields.extend({ key: siteKey.optional() });

/** A key from the name: readable, with a random tail so two shops called "Shop" differ. */
const keyFor = (name: string) =>
  `${
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'site'
  }-${randomBytes(3).toString('hex')}`;

type SiteParams = { Params: { key: string } };

/** Sites: list, create, edit, delete, and the install snippets of each. */
export function siteRoutes(
  { app, sites, owner, viewer }: RouteContext,
  ingestPublicUrl: string,
  retentionDefaults: RetentionDefaults,
): void {
  // Where this installation's tracker lives does not change while the app runs.
  const tracker = trackerDir();

  // What a site that sets no retention keeps (the installation's settings).
  app.get('/api/retention', viewer, () => retentionDefaults);

  app.get('/api/sites', viewer, (_, reply) =>
    reply.send(sites.list().sort((a, b) => a.name.localeCompare(b.name))),
  );

  app.post('/api/sites', owner, async (request, reply) => {
    const body = parseBody(newSite, request.body, reply);
    if (!body) return;
    const key = body.key ?? keyFor(body.name);
    if (sites.get(key))
      return reply.code(409).send({ error: 'conflict', message: `site "${key}" exists` });
    const site = {
      key,
      name: body.name,
      origins: body.origins,
      ...(body.scrubParams ? { scrubParams: body.scrubParams } : {}),
      ...(body.pathsIgnoreCase !== undefined ? { pathsIgnoreCase: body.pathsIgnoreCase } : {}),
      ...(body.retention ? { retention: body.retention } : {}),
      createdAt: Date.now(),
    };
    await sites.put(site);
    return reply.code(201).send(site);
  });

  app.get<SiteParams>('/api/sites/:key', viewer, async (request, reply) => {
    return knownSite(sites, request.params.key, reply) ?? reply;
  });

  app.put<SiteParams>('/api/sites/:key', owner, async (request, reply) => {
    const site = knownSite(sites, request.params.key, reply);
    if (!site) return;
    const body = parseBody(siteFields, request.body, reply);
    if (!body) return;
    const updated = { ...site, ...body };
    await sites.put(updated);
    return updated;
  });

  app.delete<SiteParams>('/api/sites/:key', owner, async (request, reply) => {
    if (!knownSite(sites, request.params.key, reply)) return;
    await sites.remove(request.params.key);
    return reply.code(204).send();
  });

  app.get<SiteParams>('/api/sites/:key/install', viewer, async (request, reply) => {
    if (!knownSite(sites, request.params.key, reply)) return;
    return installSnippets(request.params.key, ingestPublicUrl, tracker);
  });
}
