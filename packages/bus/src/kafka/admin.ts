import type { Admin } from 'kafkajs';
import type { TopicSpec } from '../topics.js';

const LEADERS_TIMEOUT_MS = 30_000;

/**
 * Creates missing topics and returns once every partition of them has a leader. Several
 * processes may start at once: a topic another one created in the meantime is not an error.
 */
export async function ensureTopics(admin: Admin, specs: TopicSpec[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(spec.name));
  if (missing.length === 0) return [];
  try {
    await admin.createTopics({
      // kafkajs gives up when a broker answers "unknown topic" while the new topic's metadata
      // is still spreading (KRaft); waitForLeaders below waits through that instead.
      waitForLeaders: false,
      topics: missing.map((spec) => ({
        topic: spec.name,
        numPartitions: spec.partitions,
        replicationFactor: spec.replicationFactor,
        configEntries: Object.entries(spec.config).map(([name, value]) => ({ name, value })),
      })),
    });
  } catch (error) {
    // TOPIC_ALREADY_EXISTS from a concurrent creator: fine once every topic has its leaders.
    if (!(await waitForLeaders(admin, missing, 5_000))) throw error;
    return missing.map((spec) => spec.name);
  }
  if (!(await waitForLeaders(admin, missing, LEADERS_TIMEOUT_MS))) {
    throw new Error(
      `topics ${missing.map((spec) => spec.name).join(', ')} have no leaders after ${LEADERS_TIMEOUT_MS} ms`,
    );
  }
  return missing.map((spec) => spec.name);
}

/** Polls metadata until each topic has all its partitions, each with a leader. */
async function waitForLeaders(
  admin: Admin,
  specs: TopicSpec[],
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await haveLeaders(admin, specs)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function haveLeaders(admin: Admin, specs: TopicSpec[]): Promise<boolean> {
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: specs.map((spec) => spec.name) });
    return specs.every((spec) => {
      const topic = topics.find((candidate) => candidate.name === spec.name);
      return (
        topic !== undefined &&
        topic.partitions.length === spec.partitions &&
        topic.partitions.every((partition) => partition.leader >= 0)
      );
    });
  } catch {
    // Unknown topic or leader not yet elected: not there yet.
    return false;
  }
}
