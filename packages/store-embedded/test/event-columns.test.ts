import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pageview } from '../../../test/stores/event-store-contract.js';
import { DuckDb, openEmbeddedStores } from '../src/index.js';

describe('events kept in an earlier layout (the whole event as JSON only)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-columns-'));
  const path = join(dir, 'sightline.duckdb');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gain the columns dashboards group by, filled from the documents, once', async () => {
    const old = await DuckDb.open(path);
    await old.write(`CREATE TABLE events (
      id VARCHAR PRIMARY KEY, site VARCHAR NOT NULL, ts BIGINT NOT NULL,
      visitor VARCHAR NOT NULL, bot BOOLEAN NOT NULL, doc JSON NOT NULL)`);
    const before = pageview({
      site: 'old',
      ts: 1_000,
      path: '/before',
      country: 'FR',
      utm: { source: 'newsletter' },
    });
    await old.write(`INSERT INTO events VALUES (?, 'old', 1000, ?, false, ?)`, [
      before.id,
      before.visitor,
      JSON.stringify(before),
    ]);
    await old.close();

    const stores = await openEmbeddedStores(path);
    await stores.ensureSchemas();
    await stores.ensureSchemas(); // idempotent: nothing added twice
    const after = pageview({ site: 'old', ts: 2_000, path: '/after', country: 'FR' });
    await stores.events.append([after]);
    const range = { from: 0, to: 10_000 };
    const top = await stores.events.topN({ site: 'old', range, dimension: 'path', limit: 10 });
    expect(top.map((b) => b.key).sort()).toEqual(['/after', '/before']);
    const byCountry = await stores.events.topN({
      site: 'old',
      range,
      dimension: 'country',
      limit: 5,
    });
    expect(byCountry).toEqual([{ key: 'FR', events: 2, visitors: expect.any(Number) as number }]);
    const fromNewsletter = await stores.events.search({
      site: 'old',
      range,
      filters: [{ field: 'utm.source', op: 'eq', value: 'newsletter' }],
      limit: 10,
    });
    expect(fromNewsletter.events).toEqual([before]);
    await stores.close();
  });
});
