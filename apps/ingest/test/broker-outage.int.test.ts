import { randomUUID } from 'node:crypto';
import { TOPIC, topicName } from '@sightline/bus';
import { readEventsTopicMessage } from '@sightline/contract';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dedicatedService } from '../../../test/integration/dedicated-service.js';
import { uniqueName } from '../../../test/integration/services.js';
import { startHarness, type Harness } from './harness.js';

const PORT = 19_392;
const broker = dedicatedService('kafka', 'ingest-outage', {
  KAFKA_PORT: PORT,
  KAFKA_CONTROLLER_PORT: PORT + 1,
});

/** Everything on a topic from the beginning, read by a fresh consumer. */
async function allEventIds(
  brokers: string[],
  topic: string,
  expected: number,
): Promise<Set<string>> {
  const consumer = new Kafka({ brokers, logLevel: logLevel.NOTHING }).consumer({
    groupId: uniqueName('verify'),
  });
  const ids = new Set<string>();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      const read = readEventsTopicMessage(message.value!);
      if (read.kind === 'events') for (const event of read.events) ids.add(event.id);
      return Promise.resolve();
    },
  });
  const deadline = Date.now() + 30_000;
  while (ids.size < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  await consumer.disconnect();
  return ids;
}

describe('a broker outage', () => {
  let h: Harness;
  beforeAll(async () => {
    await broker.start();
    h = await startHarness({ brokers: [`127.0.0.1:${PORT}`] });
  }, 180_000);
  afterAll(async () => {
    await h?.stop();
    await broker.destroy();
  }, 180_000);

  it('answers 503 with Retry-After while the bus is down, recovers, and loses nothing it acknowledged', async () => {
    const acknowledged: string[] = [];
    const refused: { status: number; retryAfter: string | null }[] = [];
    let sending = true;
    const send = async () => {
      while (sending) {
        const id = randomUUID();
        const response = await fetch(`${h.url}/api/collect`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            site: 'shop',
            events: [
              {
                id,
                type: 'pageview',
                visitor: 'v',
                session: 's',
                ts: Date.now(),
                url: 'http://shop.test/',
              },
            ],
          }),
        }).catch(() => undefined);
        if (response?.status === 200) acknowledged.push(id);
        else if (response)
          refused.push({
            status: response.status,
            retryAfter: response.headers.get('retry-after'),
          });
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const sender = send();

    await expect.poll(() => acknowledged.length, { timeout: 20_000 }).toBeGreaterThan(20);
    await broker.stop();
    // While down: refused with 503 and a Retry-After, readiness says so.
    await expect.poll(() => refused.length, { timeout: 30_000 }).toBeGreaterThan(2);
    expect(refused.every((r) => r.status === 503 && Number(r.retryAfter) > 0)).toBe(true);
    expect((await fetch(`${h.opsUrl}/readyz`)).status).toBe(503);
    const acknowledgedWhileUp = acknowledged.length;

    await broker.start();
    // Recovered: acknowledgements resume.
    await expect
      .poll(() => acknowledged.length, { timeout: 60_000 })
      .toBeGreaterThan(acknowledgedWhileUp + 20);
    sending = false;
    await sender;
    expect((await fetch(`${h.opsUrl}/readyz`)).status).toBe(200);

    // Every acknowledged event is on the topic.
    const onTopic = await allEventIds(
      h.kafka.brokers,
      topicName(h.kafka.topicPrefix, TOPIC.events),
      acknowledged.length,
    );
    const missing = acknowledged.filter((id) => !onTopic.has(id));
    expect(missing).toEqual([]);
    console.log(
      `outage: ${acknowledged.length} acknowledged (all on the topic), ${refused.length} refused with 503`,
    );
  }, 180_000);
});
