import { expect } from 'vitest';
import type { DedicatedService } from '../../../test/integration/dedicated-service.js';
import { generateStream } from '../../../test/streams/generate-stream.js';
import { until } from '../../../test/until.js';
import type { Pipeline } from './pipeline.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A store stopped for `downMs` mid-stream: nothing is committed meanwhile, the lag builds and
 * readiness names the partitions that wait; once it is back the processor catches up, is ready
 * again, and the stores hold the exact totals.
 */
export async function outageScenario(
  pipeline: Pipeline,
  store: DedicatedService,
  downMs: number,
): Promise<void> {
  const messages = generateStream(55, 3_000);
  const third = Math.ceil(messages.length / 3);
  const processor = await pipeline.startInProcess({ ops: true });
  const readyz = () => fetch(`http://127.0.0.1:${processor.opsPort!}/readyz`);
  try {
    await pipeline.publish(messages.slice(0, third));
    await until(async () => (await pipeline.committed()) > 0, {
      what: 'progress before the outage',
    });
    await sleep(1_000);

    await store.stop();
    const committedWhenDown = await pipeline.committed();
    const lagWhenDown = await pipeline.lag();
    const stoppedAt = Date.now();
    await pipeline.publish(messages.slice(third, 2 * third));
    await sleep(Math.max(0, downMs - (Date.now() - stoppedAt)));
    // Held back: nothing committed while a store was away, everything published since is lag.
    expect(await pipeline.committed()).toBe(committedWhenDown);
    expect(await pipeline.lag()).toBeGreaterThan(lagWhenDown);
    const unready = await readyz();
    expect(unready.status).toBe(503);
    expect(await unready.text()).toMatch(/partitions? [\d ,(s)]+ stored nothing/);

    await store.start();
    await pipeline.publish(messages.slice(2 * third));
    await pipeline.waitCaughtUp(120_000);
    await until(async () => (await readyz()).status === 200, { what: 'ready again' });
    await pipeline.verify();
  } finally {
    await processor.close();
  }
}
