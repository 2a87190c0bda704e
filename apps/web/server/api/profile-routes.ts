import type { EventStore, HitStore, TimeRange } from '@sightline/ports';
import { Profiles } from '@sightline/config-store';
import { profileConfig, profileId } from '@sightline/contract';
import { replaySession } from '@sightline/scoring';
import { z } from 'zod';
import {
  goalPath,
  hitStatus,
  profileStats,
  reactionsByMessage,
  type Reaction,
} from '../profiles/profile-stats.js';
import { knownSite } from './known-site.js';
import { parseBody } from './parse.js';
import { rangeQuery } from './query-params.js';
import { siteListRoute } from './site-list-route.js';
import { siteRecordRoutes } from './site-record-routes.js';
import type { RouteContext } from './route-context.js';

type SiteParams = { Params: { key: string }; Querystring: Record<string, unknown> };

/** What the stores are asked for at most per statistics request. */
const MAX_RECORDS = 10_000;
/** A goal reached this long after the range still counts for hits in it. */
const GOAL_GRACE_MS = 7 * 86_400_000;

const hitsQuery = z.object({
  profile: profileId.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const simulation = z.object({
  profile: z.record(z.string(), z.unknown()),
  visitor: z.string().min(1).max(128),
  from: z.number().int().min(0).optional(),
  to: z.number().int().min(0).optional(),
});

/**
 * Profiles of a site: list, save (validated by the contract), delete; replay of a recorded
 * visitor against a draft; stored hits with what became of each message; per-profile figures.
 */
export function profileRoutes(
  context: RouteContext,
  stores: { events: EventStore; hits: Pick<HitStore, 'hits'> },
): void {
  const { app, store, sites, owner, viewer } = context;
  const profiles = new Profiles(store);
  const ofSite = (site: string) => profiles.list(site).sort((a, b) => a.name.localeCompare(b.name));
  const reactionsIn = async (site: string, range: TimeRange) =>
    reactionsByMessage(
      (
        await stores.events.search({
          site,
          // Reactions come after their hit: a little past the range.
          range: { from: range.from, to: range.to + 3_600_000 },
          filters: [{ field: 'type', op: 'prefix', value: 'assistance_' }],
          limit: MAX_RECORDS,
        })
      ).events.flatMap((e) =>
        e.type === 'assistance_shown' ||
        e.type === 'assistance_clicked' ||
        e.type === 'assistance_dismissed'
          ? [{ type: e.type, messageId: e.messageId } satisfies Reaction]
          : [],
      ),
    );

  siteListRoute(context, 'profiles', ofSite);

  siteRecordRoutes(app, {
    path: 'profiles',
    noun: 'profile',
    sites,
    records: profiles,
    schema: profileConfig,
    owner,
  });

  app.post<SiteParams>('/api/sites/:key/profiles/simulate', viewer, async (request, reply) => {
    const site = request.params.key;
    if (!knownSite(sites, site, reply)) return;
    const body = parseBody(simulation, request.body, reply);
    if (!body) return;
    const profile = parseBody(profileConfig, { id: 'draft', ...body.profile, site }, reply);
    if (!profile) return;
    const to = body.to ?? Date.now();
    const { events } = await stores.events.search({
      site,
      range: { from: body.from ?? to - 30 * 86_400_000, to },
      filters: [{ field: 'visitor', op: 'eq', value: body.visitor }],
      limit: 5_000,
      order: 'asc',
    });
    const ignoreCase = sites.get(site)?.pathsIgnoreCase === true;
    return { threshold: profile.threshold, points: replaySession(profile, events, { ignoreCase }) };
  });

  app.get<SiteParams>('/api/sites/:key/hits', viewer, async (request, reply) => {
    const site = request.params.key;
    if (!knownSite(sites, site, reply)) return;
    const base = parseBody(rangeQuery, request.query, reply);
    const q = base && parseBody(hitsQuery, request.query, reply);
    if (!base || !q) return;
    const hits = await stores.hits.hits({
      site,
      range: base.range,
      limit: q.limit,
      ...(q.profile ? { profileId: q.profile } : {}),
    });
    const reactions = await reactionsIn(site, base.range);
    return { hits: hits.map((hit) => ({ ...hit, status: hitStatus(hit, reactions) })) };
  });

  app.get<SiteParams>('/api/sites/:key/profiles/stats', viewer, async (request, reply) => {
    const site = request.params.key;
    if (!knownSite(sites, site, reply)) return;
    const base = parseBody(rangeQuery, request.query, reply);
    if (!base) return;
    const { range } = base;
    const [hits, reactions] = await Promise.all([
      stores.hits.hits({ site, range, limit: MAX_RECORDS }),
      reactionsIn(site, range),
    ]);
    const goalsUntil = Math.min(Date.now() + 1, range.to + GOAL_GRACE_MS);
    const stats = await Promise.all(
      ofSite(site).map(async (profile) => {
        const path = goalPath(profile.message.link);
        const goal =
          path === undefined
            ? undefined
            : {
                path,
                visits: (
                  await stores.events.search({
                    site,
                    range: { from: range.from, to: Math.max(goalsUntil, range.to) },
                    filters: [
                      { field: 'type', op: 'eq', value: 'pageview' },
                      { field: 'path', op: 'eq', value: path },
                    ],
                    limit: MAX_RECORDS,
                  })
                ).events,
              };
        return { name: profile.name, ...profileStats(profile.id, hits, reactions, goal) };
      }),
    );
    return { profiles: stats, truncated: hits.length === MAX_RECORDS };
  });
}
