import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertStoreContract } from '../../../test/stores/alert-store-contract.js';
import { eventStoreContract, pageview } from '../../../test/stores/event-store-contract.js';
import { funnelContract } from '../../../test/stores/funnel-contract.js';
import { hitStoreContract } from '../../../test/stores/hit-store-contract.js';
import { metricsStoreContract } from '../../../test/stores/metrics-store-contract.js';
import { resultStoresContract } from '../../../test/stores/result-stores-contract.js';
import { retentionContract } from '../../../test/stores/retention-contract.js';
import { openEmbeddedStores, type EmbeddedStores } from '../src/index.js';

const nothingToRefresh = () => Promise.resolve();

describe('the embedded DuckDB stores', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-duckdb-'));
  const path = join(dir, 'data', 'sightline.duckdb');
  let stores: EmbeddedStores;

  beforeAll(async () => {
    stores = await openEmbeddedStores(path);
    await stores.ensureSchemas();
    await stores.ensureSchemas(); // idempotent
  });
  afterAll(async () => {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  eventStoreContract(() => ({ store: stores.events, refresh: nothingToRefresh }));
  funnelContract(() => ({ store: stores.events, refresh: nothingToRefresh }));
  resultStoresContract(() => ({
    windows: stores.windows,
    events: stores.events,
    sessions: stores.sessions,
    refresh: nothingToRefresh,
  }));
  metricsStoreContract(() => stores.metrics);
  hitStoreContract(() => ({ hits: stores.hits, refresh: nothingToRefresh }));
  alertStoreContract(() => ({ alerts: stores.alerts, refresh: nothingToRefresh }));
  retentionContract(() => ({ ...stores, refresh: nothingToRefresh }));

  it('keeps everything in its file across a reopen', async () => {
    const event = pageview({ site: 'reopen', ts: 1_000 });
    await stores.events.append([event]);
    await stores.close();
    stores = await openEmbeddedStores(path);
    const found = await stores.events.search({
      site: 'reopen',
      range: { from: 0, to: 2_000 },
      limit: 10,
    });
    expect(found.events).toEqual([event]);
  });

  it('matches sub-fields of a list when any item matches', async () => {
    const cart = (id: string, items: string[]) =>
      pageview({
        id,
        site: 'lists',
        ts: 5_000,
        items: items.map((item) => ({ id: item, price: 1, quantity: 1 })),
      });
    await stores.events.append([
      cart('a', ['sku-1', 'sku-2']),
      cart('b', ['sku-2']),
      cart('c', []),
    ]);
    const ids = async (filters: Parameters<EmbeddedStores['events']['search']>[0]['filters']) =>
      (
        await stores.events.search({
          site: 'lists',
          range: { from: 0, to: 10_000 },
          limit: 10,
          order: 'asc',
          ...(filters ? { filters } : {}),
        })
      ).events
        .map((event) => event.id)
        .sort();
    expect(await ids([{ field: 'items.id', op: 'eq', value: 'sku-1' }])).toEqual(['a']);
    expect(await ids([{ field: 'items.id', op: 'neq', value: 'sku-1' }])).toEqual(['b', 'c']);
    expect(await ids([{ field: 'items.id', op: 'prefix', value: 'sku-' }])).toEqual(['a', 'b']);
    expect(await ids([{ field: 'items.id', op: 'exists' }])).toEqual(['a', 'b']);
    const top = await stores.events.topN({
      site: 'lists',
      range: { from: 0, to: 10_000 },
      dimension: 'items.id',
      limit: 5,
    });
    expect(top.map((bucket) => [bucket.key, bucket.events])).toEqual([
      ['sku-2', 2],
      ['sku-1', 1],
    ]);
  });

  it('answers a closed store with a clear error', async () => {
    const other = await openEmbeddedStores(':memory:');
    await other.close();
    await expect(other.events.check()).rejects.toThrow(/closed/);
  });
});
