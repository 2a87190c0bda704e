import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyWindowMetrics, type SessionRecord, type WindowAggregate } from '@sightline/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { pageview } from '../../../test/stores/event-store-contract.js';
import { profileHitFixture } from '../../../test/stores/hit-store-contract.js';
import { DuckDb, openEmbeddedStores } from '../src/index.js';

/** The layout of the tables before they lost their primary keys, as earlier versions made it. */
const EARLIER_LAYOUT = [
  `CREATE TABLE events (id VARCHAR PRIMARY KEY, site VARCHAR NOT NULL, ts BIGINT NOT NULL,
    visitor VARCHAR NOT NULL, bot BOOLEAN NOT NULL, type VARCHAR, path VARCHAR, session VARCHAR,
    referrer_host VARCHAR, channel VARCHAR, country VARCHAR, device VARCHAR, browser VARCHAR,
    os VARCHAR, utm_source VARCHAR, utm_campaign VARCHAR, doc JSON NOT NULL)`,
  `CREATE TABLE sessions (id VARCHAR PRIMARY KEY, site VARCHAR NOT NULL, visitor VARCHAR NOT NULL,
    partition INTEGER NOT NULL, start BIGINT NOT NULL, status VARCHAR NOT NULL,
    last_offset BIGINT NOT NULL, end_window BIGINT, doc JSON NOT NULL)`,
  `CREATE TABLE windows (site VARCHAR NOT NULL, start BIGINT NOT NULL, partition INTEGER NOT NULL,
    doc JSON NOT NULL, PRIMARY KEY (site, start, partition))`,
  `CREATE TABLE window_points (site VARCHAR NOT NULL, start BIGINT NOT NULL,
    partition INTEGER NOT NULL, fields JSON NOT NULL, PRIMARY KEY (site, start, partition))`,
  `CREATE TABLE hits (id VARCHAR PRIMARY KEY, site VARCHAR NOT NULL, profile_id VARCHAR NOT NULL,
    fired_at BIGINT NOT NULL, doc JSON NOT NULL)`,
  `CREATE TABLE alerts (id VARCHAR NOT NULL, state VARCHAR NOT NULL, site VARCHAR NOT NULL,
    rule_id VARCHAR NOT NULL, fired_at BIGINT NOT NULL, doc JSON NOT NULL, PRIMARY KEY (id, state))`,
  `CREATE TABLE dead_letters (id VARCHAR PRIMARY KEY, set_aside_at BIGINT NOT NULL, site VARCHAR,
    stage VARCHAR NOT NULL, doc JSON NOT NULL)`,
  `CREATE TABLE alert_deliveries (id VARCHAR PRIMARY KEY, site VARCHAR NOT NULL,
    alert_id VARCHAR NOT NULL, sent_at BIGINT NOT NULL, doc JSON NOT NULL)`,
];

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);

const visit = (id: string, startOffset: number, events: number): SessionRecord => ({
  id,
  site: 'old',
  visitor: `visitor-${id}`,
  trackerSession: 's',
  partition: 0,
  startOffset,
  startEvent: `e-${id}`,
  lastOffset: startOffset + 4,
  start: T0,
  end: T0 + 1_000,
  lastSeen: T0 + 1_000,
  events,
  pageviews: 1,
  channel: 'direct',
  device: 'desktop',
  purchases: 0,
  revenue: {},
  activeMs: 0,
  status: 'open',
  durationMs: 1_000,
});

const window = (pageviews: number): WindowAggregate => ({
  v: 1,
  site: 'old',
  start: T0,
  partition: 0,
  final: false,
  metrics: { ...emptyWindowMetrics(), pageviews, events: pageviews },
  activeVisitors: 1,
  watermark: T0 + 10_000,
});

describe('a file made before the tables that grow with traffic lost their primary keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-upgrade-'));
  const path = join(dir, 'sightline.duckdb');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const keyed = async (db: DuckDb) =>
    (
      await db.read(
        `SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'
         ORDER BY table_name`,
      )
    ).map((row) => String(row.table_name));

  it('is copied into the new layout once, with its rows, on open', async () => {
    const event = pageview({ site: 'old', ts: T0, path: '/kept', country: 'FR' });
    const hit = profileHitFixture('a', 'buyer', T0, 'old');
    const old = await DuckDb.open(path);
    for (const statement of EARLIER_LAYOUT) await old.write(statement);
    const insert = (table: string, values: (string | number)[]) =>
      old.write(`INSERT INTO ${table} VALUES (${values.map(() => '?').join(', ')})`, values);
    await old.write(
      `INSERT INTO events VALUES (?, 'old', ?, ?, false, 'pageview', '/kept', 's1', NULL, 'direct',
        'FR', 'desktop', NULL, NULL, NULL, NULL, ?)`,
      [event.id, T0, event.visitor, JSON.stringify(event)],
    );
    const open = visit('0-100', 100, 3);
    await old.write(`INSERT INTO sessions VALUES ('0-100', 'old', ?, 0, ?, 'open', 104, NULL, ?)`, [
      open.visitor,
      T0,
      JSON.stringify(open),
    ]);
    await insert('windows', ['old', T0, 0, JSON.stringify(window(2))]);
    await insert('window_points', ['old', T0, 0, JSON.stringify({ pageviews: 2 })]);
    await insert('hits', [hit.id, 'old', 'buyer', T0, JSON.stringify(hit)]);
    expect(await keyed(old)).toEqual([
      'alert_deliveries',
      'alerts',
      'dead_letters',
      'events',
      'hits',
      'sessions',
      'window_points',
      'windows',
    ]);
    await old.close();

    const stores = await openEmbeddedStores(path);
    await stores.ensureSchemas();
    await stores.ensureSchemas(); // nothing left to do the second time
    const range = { from: T0, to: T0 + 60_000 };
    // Every row is still there, readable as before.
    expect((await stores.events.search({ site: 'old', range, limit: 10 })).events).toEqual([event]);
    expect(await stores.sessions.sessionsToRestore(0, 0, T0)).toEqual([open]);
    expect(await stores.windows.windows({ site: 'old', range })).toEqual([window(2)]);
    expect(
      await stores.metrics.series({ site: 'old', range, stepMs: 60_000, fields: ['pageviews'] }),
    ).toEqual([{ time: T0, values: { pageviews: 2 } }]);
    expect(await stores.hits.hits({ site: 'old', range, limit: 10 })).toEqual([hit]);

    // Writes replace the copied rows as they replaced the originals.
    await stores.sessions.writeSessions([visit('0-100', 100, 7)]);
    await stores.windows.writeWindows([window(5)]);
    await stores.metrics.writeWindows([window(5)]);
    await stores.hits.writeHits([{ ...hit, outcome: 'holdout' }]);
    await stores.events.append([pageview({ site: 'old', ts: T0 + 1 })], {
      partition: 3,
      offsets: [42],
    });
    expect((await stores.sessions.sessionsToRestore(0, 0, T0)).map((r) => r.events)).toEqual([7]);
    expect(await stores.windows.windows({ site: 'old', range })).toEqual([window(5)]);
    expect(
      await stores.metrics.series({ site: 'old', range, stepMs: 60_000, fields: ['pageviews'] }),
    ).toEqual([{ time: T0, values: { pageviews: 5 } }]);
    expect(
      (await stores.hits.hits({ site: 'old', range, limit: 10 })).map((h) => h.outcome),
    ).toEqual(['holdout']);
    expect((await stores.events.search({ site: 'old', range, limit: 10 })).total).toBe(2);
    await stores.close();

    const after = await DuckDb.open(path);
    // Only the small tables keep a key; the copied visit got its first offset from its document.
    expect(await keyed(after)).toEqual(['alert_deliveries', 'alerts', 'dead_letters']);
    expect(await after.read(`SELECT id, start_offset FROM sessions`)).toEqual([
      { id: '0-100', start_offset: '100' },
    ]);
    expect(
      await after.read(`SELECT partition, bus_offset FROM events ORDER BY bus_offset NULLS FIRST`),
    ).toEqual([
      { partition: null, bus_offset: null },
      { partition: 3, bus_offset: '42' },
    ]);
    expect(
      (await after.read(`SELECT table_name FROM duckdb_tables() ORDER BY table_name`)).map(
        (row) => row.table_name,
      ),
    ).toEqual([
      'alert_deliveries',
      'alerts',
      'dead_letters',
      'events',
      'hits',
      'sessions',
      'window_points',
      'windows',
    ]);
    await after.close();
  });
});
