// Tracker size, as the build measured it (terser + gzip -9), against Umami's and Plausible's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { record, table } from './lib/report.js';

interface Size {
  file: string;
  minified: number;
  gzip: number;
}

const report = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '..', '..', 'packages', 'tracker', 'dist', 'size.json'),
    'utf8',
  ),
) as { budget: number; sizes: Size[] };
const row = (size: Size, what: string) => [
  size.file,
  what,
  size.minified.toLocaleString('en'),
  size.gzip.toLocaleString('en'),
];
const [core, live, esm] = report.sizes as [Size, Size, Size];
await record(
  'tracker-size',
  'Tracker size',
  'npm run bench -- tracker-size (figures from the tracker build)',
  table(
    ['Script', 'What', 'Minified (B)', 'min+gzip (B)'],
    [
      row(
        core,
        `core: the script tag loads it; budget ${report.budget.toLocaleString('en')} B, checked by the build`,
      ),
      row(live, 'live: loaded after the page, continuous sensors, WebSocket, assistant'),
      row(esm, 'ESM build of the core for bundlers'),
      ['Umami v3 tracker', 'for comparison (pageviews, SPA, tagged clicks)', '4,566', '2,206'],
      [
        'Plausible 0.4.6 (all features)',
        'for comparison (pageviews, SPA, engagement, outbound, downloads, forms)',
        '6,434',
        '2,670',
      ],
    ],
  ),
  report,
);
