import type { Admin } from 'kafkajs';
import type { TopicSpec } from '../topics.js';

/**
 * Creates missing topics. Several processes may start at once: a topic another one created in
 * the meantime is not an error.
 */
export async function ensureTopics(admin: Admin, specs: TopicSpec[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(spec.name));
  if (missing.length === 0) return [];
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((spec) => ({
        topic: spec.name,
        numPartitions: spec.partitions,
        replicationFactor: spec.replicationFactor,
        configEntries: Object.entries(spec.config).map(([name, value]) => ({ name, value })),
      })),
    });
  } catch (error) {
    // TOPIC_ALREADY_EXISTS from a concurrent creator: fine if every topic now exists.
    const now = new Set(await admin.listTopics());
    if (!missing.every((spec) => now.has(spec.name))) throw error;
  }
  return missing.map((spec) => spec.name);
}
