// Host-page cost of the tracker, measured with the Performance API in Chromium over cold page
// loads of the test site with interactions: long tasks, the tracker's scripts in long animation
// frames (> 50 ms), and the time spent handling each click and scroll. Needs a build and Chromium.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBus, topicSpecs } from '@sightline/bus';
import { loadConfig } from '@sightline/config';
import { FileConfigStore, Sites } from '@sightline/config-store';
import { startIngest } from '@sightline/ingest';
import { createLogger, createMetrics } from '@sightline/observability';
import { startSiteServer } from '../../test/site/site-server.js';
import { launchChromium } from './lib/chromium.js';
import { record, table } from './lib/report.js';

const LOADS = Number(process.env.BENCH_LOADS ?? 10);

interface Measurements {
  longTasks: number[];
  trackerInLongFrames: number[];
  clickMs: number[];
  scrollMs: number[];
}

/** Injected before any page script: observers and listeners that bracket each interaction. */
function measure() {
  const m: Measurements = { longTasks: [], trackerInLongFrames: [], clickMs: [], scrollMs: [] };
  (window as unknown as { measurements: Measurements }).measurements = m;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) m.longTasks.push(Math.round(entry.duration));
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const frame of list.getEntries() as unknown as {
      scripts: { sourceURL: string; duration: number }[];
    }[]) {
      for (const script of frame.scripts) {
        if (/sightline(-live)?\.js/.test(script.sourceURL))
          m.trackerInLongFrames.push(Math.round(script.duration));
      }
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
  for (const [type, into] of [
    ['click', m.clickMs],
    ['scroll', m.scrollMs],
  ] as const) {
    let started = 0;
    // Window capture runs before the tracker's document listeners; the last listener after them.
    addEventListener(type, () => (started = performance.now()), { capture: true });
    (type === 'scroll' ? document : window).addEventListener(type, () =>
      into.push(performance.now() - started),
    );
  }
}

async function main() {
  const logger = createLogger('bench', 'silent');
  const config = loadConfig({});
  const bus = new EmbeddedBus({ topics: topicSpecs(config.kafka), logger });
  const store = new FileConfigStore(
    join(mkdtempSync(join(tmpdir(), 'sightline-bench-')), 'config.json'),
  );
  await store.start();
  const ingest = await startIngest({
    bus,
    configStore: store,
    logger,
    registry: createMetrics('bench'),
    secret: 's',
    host: '127.0.0.1',
    port: 0,
    topicPrefix: '',
  });
  const site = await startSiteServer(ingest.url);
  await new Sites(store).put({
    key: 'e2e',
    name: 'Bench',
    origins: [site.url],
    createdAt: Date.now(),
  });
  const browser = await launchChromium();
  const all: Measurements[] = [];
  for (let load = 0; load < LOADS; load++) {
    const context = await browser.newContext(); // cold: nothing cached, first visit
    const page = await context.newPage();
    await page.addInitScript(measure);
    await page.goto(`${site.url}/`);
    await page.waitForFunction(() => document.querySelector('script[src$="sightline-live.js"]'));
    await page.waitForTimeout(500);
    for (let i = 0; i < 20; i++) {
      await page.click('#buy');
      await page.mouse.move(100 + i * 30, 300 + i * 10);
      await page.mouse.wheel(0, 150);
    }
    await page.waitForTimeout(1_000);
    all.push(
      await page.evaluate(() => (window as unknown as { measurements: Measurements }).measurements),
    );
    await context.close();
  }
  await browser.close();
  await site.close();
  await ingest.close();
  await bus.close();

  const flat = (pick: (m: Measurements) => number[]) => all.flatMap(pick).sort((a, b) => a - b);
  const pct = (values: number[], p: number) =>
    values[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? 0;
  const clicks = flat((m) => m.clickMs);
  const scrolls = flat((m) => m.scrollMs);
  const tracker = flat((m) => m.trackerInLongFrames);
  const longTasks = flat((m) => m.longTasks);
  await record(
    'host-page-cost',
    'Host-page cost of the tracker (Chromium, Performance API)',
    'npm run bench -- host-page',
    table(
      ['Measure', `Over ${LOADS} cold page loads with 20 clicks, cursor moves and scrolls each`],
      [
        [
          'Long tasks (> 50 ms) of the page, any cause',
          `${longTasks.length} (${longTasks.join(', ') || 'none'} ms)`,
        ],
        [
          'Tracker script runs reported in long animation frames',
          `${tracker.length} (${tracker.join(', ') || 'none'} ms; none may reach 50 ms)`,
        ],
        [
          'Click handling, all listeners (p50 / p99 / max)',
          `${pct(clicks, 50).toFixed(2)} / ${pct(clicks, 99).toFixed(2)} / ${(clicks.at(-1) ?? 0).toFixed(2)} ms`,
        ],
        [
          'Scroll handling, all listeners (p50 / p99 / max)',
          `${pct(scrolls, 50).toFixed(2)} / ${pct(scrolls, 99).toFixed(2)} / ${(scrolls.at(-1) ?? 0).toFixed(2)} ms`,
        ],
      ],
    ),
    { loads: LOADS, longTasks, tracker, clicks, scrolls },
    'The Long Animation Frames API lists every script that ran in a frame over 50 ms, with its duration: the tracker appears there only when a frame was long (usually for another reason) and it ran inside it. Click and scroll handling is timed between a listener that runs first (window, capture) and one that runs last; the test page has no handlers of its own, so it is the tracker’s cost.',
  );
}

await main();
