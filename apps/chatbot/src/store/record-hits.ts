import { retryUntilDone, type Bus, type HitStore, type Subscription } from '@sightline/ports';
import { TOPIC, topicName } from '@sightline/bus';
import { profileHit, readJsonMessage, type ProfileHit } from '@sightline/contract';
import type { Logger } from '@sightline/observability';

/**
 * Keeps the profile hits this app decides in the store, for the admin app's feed and statistics
 * and for the alerter to resume from: a group of its own on `profile-hits`, each batch written (by hit id, so a replay changes
 * nothing) before its offsets are committed. A store that is down holds the partition.
 */
export function recordHits(deps: {
  bus: Bus;
  store: Pick<HitStore, 'writeHits'>;
  logger: Logger;
  topicPrefix: string;
  group: string;
  /** When a visitor was erased: hits decided before that are not stored. */
  erasedAt?: (site: string, visitor: string) => number | undefined;
}): Promise<Subscription> {
  const { logger } = deps;
  return deps.bus.subscribe({
    topics: [topicName(deps.topicPrefix, TOPIC.profileHits)],
    group: deps.group,
    fromBeginning: true,
    commit: 'after-batch',
    async handleBatch(batch, context) {
      const hits: ProfileHit[] = [];
      for (const message of batch.messages) {
        const hit = readJsonMessage(message.value, profileHit);
        if (!hit) logger.warn({ offset: message.offset }, 'skipped a malformed profile hit');
        else if (hit.firedAt > (deps.erasedAt?.(hit.site, hit.visitor) ?? -1)) hits.push(hit);
      }
      await retryUntilDone(() => deps.store.writeHits(hits), {
        context,
        onError: (error) =>
          logger.warn({ err: String(error) }, 'storing profile hits failed; retrying'),
      });
    },
  });
}
