import type { Sites } from '@sightline/config-store';
import type { SiteConfig } from '@sightline/contract';
import type { FastifyReply } from 'fastify';

/** The site `key` names, or undefined after answering 404. */
export function knownSite(sites: Sites, key: string, reply: FastifyReply): SiteConfig | undefined {
  const site = sites.get(key);
  if (!site) void reply.code(404).send({ error: 'not_found', message: 'no such site' });
  return site;
}
