import type {
  BatchContext,
  Bus,
  ConfigStore,
  HitStore,
  OutgoingMessage,
  PartitionBatch,
  Subscription,
} from '@sightline/ports';
import { TOPIC, topicName } from '@sightline/bus';
import type { ChatbotConfig } from '@sightline/config';
import { Profiles, Sites, watchErasures } from '@sightline/config-store';
import {
  readEventsTopicMessage,
  unprocessableEvent,
  type ProfileConfig,
} from '@sightline/contract';
import {
  startOpsServer,
  type Logger,
  type OpsServer,
  type Registry,
} from '@sightline/observability';
import type { ScoredHit } from '@sightline/scoring';
import { assistanceOf, profileHitOf } from './emit/outputs.js';
import { createChatbotMetrics } from './metrics.js';
import { recordHits } from './store/record-hits.js';
import { VisitorTable } from './visitors/visitor-table.js';

export interface ChatbotDeps {
  bus: Bus;
  configStore: ConfigStore;
  logger: Logger;
  registry: Registry;
  topicPrefix: string;
  settings: ChatbotConfig;
  /**
   * Where the hits decided here are kept (the feed, the statistics, alerts on them), with the
   * store's readiness checks; left out, they only go out on `profile-hits`.
   */
  hits?: { store: Pick<HitStore, 'writeHits'>; checks?: Record<string, () => Promise<void>> };
  /** Serve /healthz, /readyz and /metrics here (its own process); leave out when embedded. */
  ops?: { host: string; port: number };
}

export interface Chatbot {
  opsPort?: number;
  readiness: Record<string, () => Promise<void>>;
  close(): Promise<void>;
}

/** What this copy holds for one partition of the events topic. */
interface PartitionState {
  visitors: VisitorTable;
  /** Events before this offset were handled before (committed): they rebuild scores, silently. */
  silentUntil: number;
  /** Offset committed so far (outputs of everything before it are published). */
  committed: number;
  /** Latest ingest time read on the partition (events and clock messages). */
  watermark: number;
}

const groupBySite = (profiles: ProfileConfig[]) => {
  const bySite = new Map<string, ProfileConfig[]>();
  for (const profile of profiles)
    bySite.set(profile.site, [...(bySite.get(profile.site) ?? []), profile]);
  return bySite;
};

/** The keys of the sites whose paths ignore case, as one comparable string. */
const casedSites = (sites: Sites) =>
  sites
    .list()
    .filter((site) => site.pathsIgnoreCase === true)
    .map((site) => site.key)
    .sort()
    .join(',');

/**
 * The assistant: a member of its consumer group on `events`. Every event updates its visitor's
 * scores (`packages/scoring`); a hit goes to `profile-hits`, and when its message is to be
 * shown, to `assistance` — published in one transaction with the offset commit, so nothing is
 * ever sent twice. After a restart or a rebalance, a partition's scores are rebuilt by reading
 * the last `stateTtlMs` of it again: what was committed before is replayed without sending.
 */
export async function startChatbot(deps: ChatbotDeps): Promise<Chatbot> {
  const { bus, logger, settings } = deps;
  const eventsTopic = topicName(deps.topicPrefix, TOPIC.events);
  const hitsTopic = topicName(deps.topicPrefix, TOPIC.profileHits);
  const assistanceTopic = topicName(deps.topicPrefix, TOPIC.assistance);
  const profiles = new Profiles(deps.configStore);
  // An erased visitor is forgotten at once, and what the bus still holds of them from before
  // the erasure is never scored again (a rebuild after a restart reads it).
  const erasures = watchErasures(deps.configStore);
  let bySite = groupBySite(profiles.list());
  const sites = new Sites(deps.configStore);
  /** Sites whose paths ignore case, as the scores were built with. */
  let ignoringCase = casedSites(sites);
  const partitions = new Map<number, PartitionState>();
  /** Partitions sent back to rebuild, and where: a second time means the log moved on. */
  const soughtTo = new Map<number, number>();
  let held = 0;
  const metrics = createChatbotMetrics(
    deps.registry,
    () => [...partitions.values()].reduce((sum, p) => sum + p.visitors.size, 0),
    () => [...partitions.values()].reduce((sum, p) => sum + p.visitors.evicted, 0),
  );

  const rebuild = (why: string) => {
    // New definitions: every partition rebuilds its scores under them (nothing is re-sent).
    partitions.clear();
    soughtTo.clear();
    logger.info({ profiles: profiles.list().length }, `${why}; rebuilding scores`);
  };
  const stopWatching = profiles.onChange(() => {
    bySite = groupBySite(profiles.list());
    rebuild('profiles changed');
  });
  const stopWatchingSites = deps.configStore.onChange((change) => {
    if (change.kind !== 'site') return;
    const now = casedSites(sites);
    if (now === ignoringCase) return;
    ignoringCase = now;
    rebuild('how a site compares paths changed');
  });
  const stopWatchingErasures = erasures.onErasure((erasure) => {
    for (const state of partitions.values())
      for (const visitor of erasure.visitors) state.visitors.forget(erasure.site, visitor);
    logger.info({ site: erasure.site, visitors: erasure.visitors.length }, 'visitors erased');
  });

  /** The partition's state, rebuilt from the topic when this copy has none. */
  async function stateFor(
    batch: PartitionBatch,
    context: BatchContext,
  ): Promise<PartitionState | undefined> {
    const existing = partitions.get(batch.partition);
    if (existing) return existing;
    const [lag, since] = await Promise.all([
      bus.lag(settings.group, eventsTopic),
      bus.offsetsAt(eventsTopic, Date.now() - settings.stateTtlMs),
    ]);
    const committedText = lag.find((p) => p.partition === batch.partition)?.committed;
    const committed = committedText == null ? null : Number(committedText);
    const first = Number(batch.messages[0]!.offset);
    if (committed !== null) {
      const ttlStart = Number(since.find((p) => p.partition === batch.partition)?.offset ?? first);
      const from = Math.min(ttlStart, committed);
      if (from < first && soughtTo.get(batch.partition) !== from) {
        soughtTo.set(batch.partition, from);
        context.seek(String(from));
        return undefined;
      }
    }
    soughtTo.delete(batch.partition);
    metrics.restores.inc();
    const state: PartitionState = {
      visitors: new VisitorTable(
        (site) => bySite.get(site) ?? [],
        (site) => ({ ignoreCase: sites.get(site)?.pathsIgnoreCase === true }),
        settings.stateTtlMs,
        Math.ceil(settings.maxVisitors / Math.max(1, held)),
      ),
      silentUntil: committed ?? first,
      committed: committed ?? first,
      watermark: 0,
    };
    partitions.set(batch.partition, state);
    return state;
  }

  function score(state: PartitionState, batch: PartitionBatch): ScoredHit[] {
    const hits: ScoredHit[] = [];
    for (const message of batch.messages) {
      let read: ReturnType<typeof readEventsTopicMessage>;
      try {
        read = readEventsTopicMessage(message.value);
      } catch {
        metrics.malformed.inc();
        continue;
      }
      if (read.kind === 'clock') {
        state.watermark = Math.max(state.watermark, read.at);
        continue;
      }
      const live = Number(message.offset) >= state.silentUntil;
      for (const event of read.events) {
        // Written past ingest without what scores key on: skipped, never a stuck partition
        // (the processor keeps it as a dead letter).
        if (unprocessableEvent(event) !== undefined) {
          metrics.malformed.inc();
          continue;
        }
        state.watermark = Math.max(state.watermark, event.receivedAt);
        const erasedAt = erasures.erasedAt(event.site, event.visitor);
        if (erasedAt !== undefined && event.receivedAt <= erasedAt) continue;
        let found: ScoredHit[];
        try {
          found = state.visitors.scorer(event.site, event.visitor).apply(event);
        } catch (error) {
          // A value the scorer cannot take would fail every retry of the batch: skip the event.
          metrics.malformed.inc();
          logger.warn({ eventId: event.id, err: String(error) }, 'event skipped by the scorer');
          continue;
        }
        if (live) {
          metrics.events.inc();
          hits.push(...found);
        } else metrics.replayed.inc();
      }
    }
    state.visitors.expire(state.watermark);
    return hits;
  }

  async function handleBatch(batch: PartitionBatch, context: BatchContext): Promise<void> {
    const state = await stateFor(batch, context);
    if (!state) return;
    try {
      const hits = score(state, batch);
      const next = Number(batch.messages.at(-1)!.offset) + 1;
      if (hits.length > 0) {
        const firedAt = Date.now();
        const key = (hit: ScoredHit) => `${hit.event.site}:${hit.event.visitor}`;
        const hitMessages: OutgoingMessage[] = hits.map((hit) => ({
          key: key(hit),
          value: JSON.stringify(profileHitOf(hit, firedAt)),
        }));
        const assistance: OutgoingMessage[] = hits
          .filter((hit) => hit.outcome === 'sent')
          .map((hit) => ({ key: key(hit), value: JSON.stringify(assistanceOf(hit)) }));
        await context.commitWith(
          [
            { topic: assistanceTopic, messages: assistance },
            { topic: hitsTopic, messages: hitMessages },
          ],
          String(Math.max(next, state.committed)),
        );
        const decided = Date.now();
        for (const hit of hits) {
          metrics.hits.inc({ profile: hit.profile.id, outcome: hit.outcome });
          metrics.decisionSeconds.observe(Math.max(0, decided - hit.event.receivedAt) / 1_000);
        }
      } else if (next > state.committed) {
        await context.commit(String(next));
      }
      state.committed = Math.max(state.committed, next);
    } catch (error) {
      // This batch's events are in the scores but its outputs may not be out: rebuild from the
      // commit, which replays them (and sends what was not sent).
      partitions.delete(batch.partition);
      throw error;
    }
  }

  const subscription: Subscription = await bus.subscribe({
    topics: [eventsTopic],
    group: settings.group,
    // A new group starts with new events: no messages for visits long over.
    fromBeginning: false,
    commit: 'manual',
    partitionsConcurrently: 8,
    // The visitor is still on the page: decide without waiting for the event's sync to disk. A
    // power cut that took the event back would at worst have shown one message too many.
    readUnsynced: true,
    onAssignment(assignment) {
      const mine = assignment.filter((tp) => tp.topic === eventsTopic);
      held = mine.length;
      partitions.clear();
      soughtTo.clear();
      logger.info({ partitions: mine.map((tp) => tp.partition) }, 'partitions assigned');
    },
    handleBatch,
  });

  const hitsSubscription = deps.hits
    ? await recordHits({
        bus,
        store: deps.hits.store,
        logger,
        topicPrefix: deps.topicPrefix,
        group: `${settings.group}.hits`,
        erasedAt: erasures.erasedAt,
      })
    : undefined;

  const readiness: Record<string, () => Promise<void>> = {
    bus: () => bus.check(),
    ...deps.hits?.checks,
  };
  let ops: OpsServer | undefined;
  if (deps.ops) ops = await startOpsServer({ ...deps.ops, registry: deps.registry, readiness });

  return {
    ...(ops ? { opsPort: ops.port } : {}),
    readiness,
    async close() {
      stopWatching();
      stopWatchingSites();
      stopWatchingErasures();
      erasures.stop();
      await Promise.all([subscription.close(), hitsSubscription?.close()]);
      await ops?.close();
    },
  };
}
