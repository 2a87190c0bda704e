import type { KafkaConfig } from '@sightline/config';

/** The product's topics (see docs/architecture.md for who writes and reads each). */
export const TOPIC = {
  events: 'events',
  assistance: 'assistance',
  profileHits: 'profile-hits',
  aggregates: 'aggregates',
  alerts: 'alerts',
  config: 'config',
  deadLetters: 'dead-letters',
} as const;

export type TopicId = (typeof TOPIC)[keyof typeof TOPIC];

export interface TopicSpec {
  name: string;
  partitions: number;
  replicationFactor: number;
  config: Record<string, string>;
}

const HOUR_MS = 3_600_000;

/** Partition counts and retention of each topic, from the configuration. */
export function topicSpecs(
  config: Pick<
    KafkaConfig,
    'topicPrefix' | 'eventsPartitions' | 'replicationFactor' | 'eventsRetentionHours'
  >,
): TopicSpec[] {
  const name = (id: TopicId) => `${config.topicPrefix}${id}`;
  const spec = (
    id: TopicId,
    partitions: number,
    topicConfig: Record<string, string>,
  ): TopicSpec => ({
    name: name(id),
    partitions,
    replicationFactor: config.replicationFactor,
    config: topicConfig,
  });
  const retention = (hours: number) => ({ 'retention.ms': String(hours * HOUR_MS) });
  return [
    // Raw events: kept for days so consumers can replay and backfill.
    spec(TOPIC.events, config.eventsPartitions, retention(config.eventsRetentionHours)),
    // Messages for visitors on the page now: useless after minutes.
    spec(TOPIC.assistance, config.eventsPartitions, retention(1)),
    spec(TOPIC.profileHits, config.eventsPartitions, retention(config.eventsRetentionHours)),
    spec(TOPIC.aggregates, 1, retention(24)),
    spec(TOPIC.alerts, 1, retention(24 * 30)),
    // Records the processor set aside: kept a month for the owner to look into.
    spec(TOPIC.deadLetters, 1, retention(24 * 30)),
    // Configuration: the latest record per key, forever; tombstones delete.
    spec(TOPIC.config, 1, { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': '0' }),
  ];
}

/** Full name of a topic with the configured prefix. */
export function topicName(prefix: string, id: TopicId): string {
  return `${prefix}${id}`;
}
