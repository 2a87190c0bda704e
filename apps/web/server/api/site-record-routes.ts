import type { Sites } from '@sightline/config-store';
import type { FastifyInstance, FastifyReply, RouteShorthandOptions } from 'fastify';
import type { z } from 'zod';
import { knownSite } from './known-site.js';
import { parseBody } from './parse.js';

type RecordParams = { Params: { key: string; id: string } };

/** What one kind of a site's records (goals, funnels, profiles, alert rules) offers its routes. */
export interface SiteRecords<T> {
  get(site: string, id: string): T | undefined;
  put(record: T): Promise<unknown>;
  remove(site: string, id: string): Promise<void>;
}

/**
 * Saves and deletes one kind of a site's records: `PUT /api/sites/:key/<path>/:id` checks the
 * body against the contract with the site and id of the address (`check` then refuses what the
 * schema cannot see, answering itself), at most `max.count` per site; `DELETE` of the same
 * address answers 404 for a record that is not there. Both are the owners'.
 */
export function siteRecordRoutes<T extends { id: string }>(
  app: FastifyInstance,
  options: {
    path: string;
    /** The record's name in messages: "goal", "alert rule"… */
    noun: string;
    sites: Sites;
    records: SiteRecords<T>;
    schema: z.ZodType<T>;
    /** The owners' guard. */
    owner: RouteShorthandOptions;
    max?: { count: number; list: (site: string) => readonly T[] };
    check?: (record: T, reply: FastifyReply) => FastifyReply | undefined;
    /** Called with each record saved. */
    saved?: (record: T) => void;
  },
): void {
  const { sites, records, noun } = options;
  const address = `/api/sites/:key/${options.path}/:id`;

  app.put<RecordParams>(address, options.owner, async (request, reply) => {
    const site = request.params.key;
    if (!knownSite(sites, site, reply)) return;
    const body = typeof request.body === 'object' && request.body !== null ? request.body : {};
    const record = parseBody(options.schema, { ...body, site, id: request.params.id }, reply);
    if (!record) return;
    if (options.check?.(record, reply)) return;
    const max = options.max;
    if (max) {
      const existing = max.list(site);
      if (existing.length >= max.count && !existing.some((r) => r.id === record.id))
        return reply.code(409).send({
          error: `too_many_${options.path.replaceAll('-', '_')}`,
          message: `a site has at most ${max.count} ${options.path.replaceAll('-', ' ')}`,
        });
    }
    await records.put(record);
    options.saved?.(record);
    return record;
  });

  app.delete<RecordParams>(address, options.owner, async (request, reply) => {
    if (!knownSite(sites, request.params.key, reply)) return;
    if (!records.get(request.params.key, request.params.id))
      return reply.code(404).send({ error: 'not_found', message: `no such ${noun}` });
    await records.remove(request.params.key, request.params.id);
    return reply.code(204).send();
  });
}
