import { randomUUID } from 'node:crypto';
import { type Bus } from '@sightline/ports';
import { TOPIC, topicName } from '@sightline/bus';
import {
  assistanceMessage,
  profileHit,
  type AssistanceMessage,
  type ProfileHit,
} from '@sightline/contract';

/**
 * Records what the chatbot publishes, each record checked by the contract: the messages on
 * `assistance` and the hits on `profile-hits` (readers of their own, from the beginning).
 */
export async function recordOutputs(
  bus: Bus,
  topicPrefix: string,
): Promise<{ sent: AssistanceMessage[]; hits: ProfileHit[] }> {
  const sent: AssistanceMessage[] = [];
  const hits: ProfileHit[] = [];
  for (const [topic, into, schema] of [
    [TOPIC.assistance, sent, assistanceMessage],
    [TOPIC.profileHits, hits, profileHit],
  ] as const) {
    await bus.subscribe({
      topics: [topicName(topicPrefix, topic)],
      group: `reader-${topic}-${randomUUID()}`,
      fromBeginning: true,
      handleBatch: (batch) => {
        for (const m of batch.messages)
          (into as unknown[]).push(schema.parse(JSON.parse(m.value.toString())));
        return Promise.resolve();
      },
    });
  }
  return { sent, hits };
}
