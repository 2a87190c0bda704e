import { randomUUID } from 'node:crypto';
import type { EventStore, HitStore, SessionStore } from '@sightline/ports';
import { Erasures } from '@sightline/config-store';
import { ERASURE_VISITORS_MAX, erasureRequest, type ErasureRecord } from '@sightline/contract';
import type { Identity } from '../auth/accounts.js';
import { knownSite } from './known-site.js';
import { parseBody } from './parse.js';
import type { RouteContext } from './route-context.js';

type SiteParams = { Params: { key: string } };

/** Who asked, for the audit log: the account, and the key when it came through one. */
const who = (identity: Identity) =>
  identity.via === 'api-key' ? `${identity.email} (API key "${identity.name}")` : identity.email;

/**
 * Erasure of a person's data (GDPR Article 17), by visitor id or by the user id the site gave
 * them (every visitor that user was identified as): raw events, visits and profile hits in
 * every store; the aggregates keep their counts. The erasure is written to the configuration
 * first — every processor and chatbot forgets the visitors at once and skips what the bus still
 * holds of them — then the stores are deleted from, and the record completed with the counts:
 * the audit log of who erased what and when.
 */
export function erasureRoutes(
  { app, store, sites, owner }: RouteContext,
  stores: {
    events: Pick<EventStore, 'erase' | 'topN'>;
    sessions: Pick<SessionStore, 'erase'>;
    hits: Pick<HitStore, 'erase'>;
  },
): void {
  const erasures = new Erasures(store);

  /** The visitors a user id was identified as, on every device, over all time. */
  const visitorsOf = async (site: string, userId: string) =>
    (
      await stores.events.topN({
        site,
        range: { from: 0, to: Date.now() + 60_000 },
        filters: [{ field: 'userId', op: 'eq', value: userId }],
        includeBots: true,
        dimension: 'visitor',
        limit: ERASURE_VISITORS_MAX,
      })
    ).map((bucket) => bucket.key);

  app.get<SiteParams>('/api/sites/:key/erasures', owner, async (request, reply) => {
    if (!knownSite(sites, request.params.key, reply)) return;
    return { erasures: erasures.list(request.params.key).reverse() };
  });

  app.post<SiteParams>('/api/sites/:key/erasures', owner, async (request, reply) => {
    const site = request.params.key;
    if (!knownSite(sites, site, reply)) return;
    const asked = parseBody(erasureRequest, request.body, reply);
    if (!asked) return;
    const visitors = asked.visitor ? [asked.visitor] : await visitorsOf(site, asked.userId!);
    if (visitors.length === 0)
      return reply.code(404).send({
        error: 'not_found',
        message: 'no visitor of this site was identified with this user id',
      });
    const record: ErasureRecord = {
      id: randomUUID(),
      site,
      request: asked,
      visitors,
      by: who(request.identity!),
      at: Date.now(),
    };
    await erasures.put(record);
    const [events, sessions, hits] = await Promise.all([
      stores.events.erase(site, visitors),
      stores.sessions.erase(site, visitors),
      stores.hits.erase(site, visitors),
    ]);
    const done = await erasures.put({ ...record, erased: { events, sessions, hits } });
    request.log.info(
      { erasure: done.id, site, visitors: visitors.length, by: done.by },
      'visitors erased',
    );
    return reply.code(201).send(done);
  });
}
