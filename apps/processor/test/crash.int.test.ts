import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStream, type Message } from '../../../test/streams/generate-stream.js';
import { until } from '../../../test/until.js';
import { Pipeline } from './pipeline.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Splits a stream into `count` consecutive parts, published one after another. */
function chunks(messages: Message[], count: number): Message[][] {
  const size = Math.ceil(messages.length / count);
  return Array.from({ length: count }, (_, i) => messages.slice(i * size, (i + 1) * size));
}

describe('processor restarts', () => {
  const pipeline = new Pipeline();
  beforeAll(() => pipeline.setup());
  afterAll(() => pipeline.close());

  it('gives the same exact totals after kill -9 mid-stream and a restart, twice', async () => {
    const parts = chunks(generateStream(33, 4_000), 12);
    let child = pipeline.spawnProcessor();
    let committedAtStart = 0;
    for (const [i, part] of parts.entries()) {
      await pipeline.publish(part);
      await sleep(100);
      if (i === 3 || i === 8) {
        // This copy has committed progress of its own and holds open windows past it (the lag):
        // then it dies without any shutdown.
        await until(async () => (await pipeline.committed()) > committedAtStart, {
          what: 'progress before the kill',
        });
        await pipeline.kill(child);
        expect(await pipeline.lag()).toBeGreaterThan(0);
      }
      if (i === 5 || i === 10) {
        committedAtStart = await pipeline.committed();
        child = pipeline.spawnProcessor();
      }
    }
    await pipeline.waitCaughtUp(120_000);
    await pipeline.verify();
  });

  it('hands a killed copy’s partitions to the other copy of the group, with the same exact totals', async () => {
    const shared = new Pipeline();
    await shared.setup();
    try {
      const parts = chunks(generateStream(44, 4_000), 10);
      const first = shared.spawnProcessor();
      shared.spawnProcessor();
      await until(async () => (await shared.members()).filter((p) => p.length > 0).length === 2, {
        what: 'two members sharing the partitions',
      });
      for (const [i, part] of parts.entries()) {
        await shared.publish(part);
        await sleep(100);
        if (i === 4) {
          await until(async () => (await shared.committed()) > 0, {
            what: 'progress before the kill',
          });
          await shared.kill(first);
        }
      }
      await shared.waitCaughtUp(120_000);
      const members = await shared.members();
      expect(members).toHaveLength(1);
      expect(members[0]!.sort()).toEqual([0, 1, 2, 3]);
      await shared.verify();
    } finally {
      await shared.close();
    }
  });
});
