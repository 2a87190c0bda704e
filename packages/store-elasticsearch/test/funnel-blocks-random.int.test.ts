import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { funnelContract } from '../../../test/stores/funnel-contract.js';
import { clockedStore } from './clocked-store.js';

describe('funnels on Elasticsearch, from the events and from hourly blocks', () => {
  const { prefix, store, clock, refresh, drop } = clockedStore('es-funnels');

  beforeAll(() => store.ensureSchema());
  afterAll(drop);

  funnelContract(() => ({
    store,
    refresh,
    settle: () => store.funnelBlocksBuilt(),
    stored: () => (clock.ahead = 2 * 60_000),
  }));

  it('built blocks for the funnel, so the figures above came from them too', async () => {
    await refresh();
    const built = await store.client.count({ index: `${prefix}-funnel-blocks` });
    expect(built.count).toBeGreaterThan(0);
  });
});
