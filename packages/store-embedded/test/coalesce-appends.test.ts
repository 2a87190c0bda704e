import { isStoreRefusal, StoreRefusedError, type CollectedEvent } from '@sightline/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageview } from '../../../test/stores/event-store-contract.js';
import type { EventBatch } from '../src/duckdb/append-events.js';
import { AppendCoalescer } from '../src/duckdb/coalesce-appends.js';
import { openEmbeddedStores, type EmbeddedStores } from '../src/index.js';

const batch = (site: string, count = 1): EventBatch => ({
  events: Array.from({ length: count }, () => pageview({ site })),
});

describe('appends coalesced into fewer statements', () => {
  it('writes the appends made together in one statement, and those made meanwhile in the next', async () => {
    const statements: string[][] = [];
    let release: () => void = () => undefined;
    const coalescer = new AppendCoalescer(async (batches) => {
      statements.push(batches.map((b) => b.events[0]!.site));
      if (statements.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    const first = ['a', 'b', 'c'].map((site) => coalescer.append(batch(site)));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const meanwhile = ['d', 'e'].map((site) => coalescer.append(batch(site)));
    release();
    await Promise.all([...first, ...meanwhile]);
    expect(statements).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
  });

  it('keeps a statement within its size, however many appends wait', async () => {
    const sizes: number[] = [];
    const coalescer = new AppendCoalescer((batches) => {
      sizes.push(batches.reduce((sum, b) => sum + b.events.length, 0));
      return Promise.resolve();
    }, 10);
    await Promise.all([4, 4, 4, 25, 1].map((count) => coalescer.append(batch('s', count))));
    expect(sizes).toEqual([8, 4, 25, 1]);
  });

  it('runs work kept in order between the appends made before and after it', async () => {
    const log: string[] = [];
    const coalescer = new AppendCoalescer((batches) => {
      log.push(batches.map((b) => b.events[0]!.site).join('+'));
      return Promise.resolve();
    });
    await Promise.all([
      coalescer.append(batch('a')),
      coalescer.append(batch('b')),
      coalescer.inOrder(() => {
        log.push('rewind');
        return Promise.resolve();
      }),
      coalescer.append(batch('c')),
    ]);
    expect(log).toEqual(['a+b', 'rewind', 'c']);
  });

  it('tells a refusal to the caller whose events it concerns; an outage to everyone', async () => {
    const refusing = new AppendCoalescer((batches) =>
      batches.some((b) => b.events[0]!.site === 'bad')
        ? Promise.reject(new StoreRefusedError('bad'))
        : Promise.resolve(),
    );
    const outcomes = await Promise.allSettled(
      ['a', 'bad', 'c'].map((site) => refusing.append(batch(site))),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);

    const down = new AppendCoalescer(() => Promise.reject(new Error('disk gone')));
    const failed = await Promise.allSettled(['a', 'b'].map((site) => down.append(batch(site))));
    expect(failed.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });
});

describe('appends of many partitions to the embedded store', () => {
  let stores: EmbeddedStores;
  beforeAll(async () => {
    stores = await openEmbeddedStores(':memory:');
    await stores.ensureSchemas();
  });
  afterAll(() => stores.close());

  it('store every good batch and refuse the one holding what DuckDB cannot store', async () => {
    const good = (partition: number) =>
      Array.from({ length: 100 }, () => pageview({ site: 'many', visitor: `p${partition}` }));
    const bad = [
      ...good(9),
      { ...pageview({ site: 'many' }), ts: 'soon' } as unknown as CollectedEvent,
    ];
    const outcomes = await Promise.allSettled([
      ...[0, 1, 2].map((partition) =>
        stores.events.append(good(partition), {
          partition,
          offsets: Array.from({ length: 100 }, (_, i) => i),
        }),
      ),
      stores.events.append(bad, { partition: 9, offsets: bad.map((_, i) => i) }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
    ]);
    expect(isStoreRefusal((outcomes[3] as PromiseRejectedResult).reason)).toBe(true);
    const stored = await stores.events.search({
      site: 'many',
      range: { from: 0, to: Number.MAX_SAFE_INTEGER },
      limit: 0,
    });
    expect(stored.total).toBe(300);
  });
});
