import { DuckDBInstance } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
const variant = process.argv[2];
rmSync('/tmp/jx3.duckdb', { force: true });
rmSync('/tmp/jx3.duckdb.wal', { force: true });
const db = await DuckDBInstance.create('/tmp/jx3.duckdb');
const c = await db.connect();
const cols = [
  'type',
  'path',
  'session',
  'referrerHost',
  'channel',
  'country',
  'device',
  'browser',
  'os',
  'utm.source',
  'utm.campaign',
];
const colNames = cols.map((c) => c.replace('.', '_').replace('referrerHost', 'referrer_host'));
const jp = (f) =>
  `'$${f
    .split('.')
    .map((k) => `."${k}"`)
    .join('')}'`;
await c.run(
  `CREATE TABLE events (id VARCHAR ${variant === 'pk' ? 'PRIMARY KEY' : ''}, site VARCHAR NOT NULL, ts BIGINT NOT NULL, visitor VARCHAR NOT NULL, bot BOOLEAN NOT NULL, ${colNames.map((n) => `${n} VARCHAR,`).join(' ')} doc JSON NOT NULL)`,
);
const ev = (i) => ({
  id: randomUUID(),
  type: 'click',
  visitor: `v${i % 20000}`,
  session: `s${i}`,
  page: 'p1',
  ts: 1767225600000 + i * 100,
  seq: 3,
  url: 'https://shop.example/products/x',
  path: '/products/x',
  referrer: 'https://www.google.com/',
  title: 'Product x — Maison',
  lang: 'en-GB',
  tz: 'GMT+0100',
  screen: '1920x1080',
  viewport: '1903x937',
  v: 1,
  site: 'bench',
  receivedAt: 1767225600000 + i,
  browser: 'Chrome',
  browserVersion: '131',
  os: 'Windows',
  osVersion: '10',
  device: 'desktop',
  bot: false,
  personalisation: true,
  referrerHost: 'www.google.com',
  channel: 'search',
  country: 'GB',
  ip: '81.2.69.0',
  x: 10,
  y: 20,
  tag: 'a',
  text: 'Next',
});
let t = performance.now();
let n = 0;
let last = t;
for (let b = 0; b < 150; b++) {
  const batch = Array.from({ length: 20000 }, () => ev(n++));
  const sel = `SELECT x[1], x[2], CAST(x[3] AS BIGINT), x[4], coalesce(CAST(x[5] AS BOOLEAN), false), ${cols.map((_, i) => `x[${i + 6}]`).join(', ')}, r FROM (SELECT r, json_extract_string(r, ['$.id','$.site','$.ts','$.visitor','$.bot', ${cols.map(jp).join(', ')}]) AS x FROM (SELECT unnest(from_json(?::JSON, '["JSON"]')) AS r))`;
  if (variant === 'pk') await c.run(`INSERT OR IGNORE INTO events ${sel}`, [JSON.stringify(batch)]);
  else
    await c.run(
      `INSERT INTO events SELECT * FROM (${sel}) AS n WHERE n."x[1]" NOT IN (SELECT id FROM events WHERE ts >= ?)`,
      [JSON.stringify(batch), 1767225600000 + (n - 40000) * 100],
    );
  if ((b + 1) % 25 === 0) {
    const now = performance.now();
    console.log(variant, n, Math.round((500000 * 1000) / (now - last)), 'ev/s');
    last = now;
  }
}
