import { execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '@sightline/notify';
import { DESKTOP_UA } from '../../../test/site/user-agent.js';
import { startStack, type Mode, type Stack } from './stack.js';

const OWNER = { name: 'Ada Owner', email: 'ada@example.com', password: 'correct horse battery' };
const VIEWER = { name: 'Vic Viewer', email: 'vic@example.com', password: 'another long secret' };
/** A phone's viewport (CSS pixels) for the screenshots at phone size. */
const PHONE = { width: 390, height: 844 };
const MOBILE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const SHOTS = join(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots');

const test = base.extend<object, { mode: Mode; stack: Stack }>({
  mode: ['distributed', { scope: 'worker', option: true }],
  stack: [
    async ({ mode }, use) => {
      const stack = await startStack(mode);
      await use(stack);
      await stack.close();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});

async function signIn(browser: Browser, stack: Stack, who: { email: string; password: string }) {
  const context = await browser.newContext({ baseURL: stack.webUrl });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}
/** Sends a batch to ingest as a page would (from `userAgent`); every event must be accepted. */
async function expectCollected(
  stack: Stack,
  site: string,
  events: object[],
  userAgent = DESKTOP_UA,
) {
  const sent = await fetch(`${stack.ingestUrl}/api/collect`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': userAgent },
    body: JSON.stringify({ site, sentAt: Date.now(), events }),
  });
  expect(await sent.json()).toEqual({ accepted: events.length, rejected: [] });
}
/** A visitor opens a page of the tracked site; the page stays open until `close`. */
async function visit(browser: Browser, stack: Stack, file: string) {
  const context = await browser.newContext({ userAgent: DESKTOP_UA });
  const page = await context.newPage();
  // The send time is taken inside the page (Playwright's own events can reach the test later
  // than the dashboard's page sees the result).
  await page.addInitScript(() => {
    const mark = (body: unknown) => {
      if (String(body).includes('"pageview"'))
        (window as unknown as { sentAt?: number }).sentAt ??= Date.now();
    };
    // Wrapped, then called with the socket it belongs to.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (this: WebSocket, data) {
      mark(data);
      return send.call(this, data);
    };
    const fetchBefore = window.fetch.bind(window);
    window.fetch = (input, init) => {
      mark(init?.body);
      return fetchBefore(input, init);
    };
    const beacon = navigator.sendBeacon.bind(navigator);
    navigator.sendBeacon = (url, data) => {
      mark(data);
      return beacon(url, data);
    };
  });
  await page.goto(`${stack.siteUrl}/${file}`);
  const sentAt = page
    .waitForFunction(() => (window as unknown as { sentAt?: number }).sentAt, undefined, {
      timeout: 15_000,
    })
    .then(async (handle) => Number(await handle.jsonValue()));
  return { page, sentAt, close: () => context.close() };
}

/** A new site that takes events from anywhere, made through the API; its key. */
async function createSite(owner: Page, stack: Stack, name: string): Promise<string> {
  const created = await owner.request.post(`${stack.webUrl}/api/sites`, {
    data: { name, origins: ['*'] },
    headers: { origin: stack.webUrl },
  });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { key: string }).key;
}

/** Explore filtered on one page, searched again until the event list shows `expected`. */
async function explorePath(owner: Page, site: string, path: string, expected: string) {
  await owner.goto(`/sites/${site}/explore`);
  await owner.getByRole('button', { name: 'Add a filter' }).click();
  await owner.getByLabel('Field', { exact: true }).fill('path');
  await owner.getByLabel('Value').fill(path);
  // Raw events are searchable about a second after they are written.
  await expect(async () => {
    await owner.getByRole('button', { name: 'Search' }).click();
    await expect(owner.getByTestId('events')).toContainText(expected, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** Nothing the hostile page carried has run or become markup in the admin page. */
async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBe(
    undefined,
  );
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('script', { hasText: '__xss' })).toHaveCount(0);
}

/**
 * The admin app's browser tests, on one way to run (each spec file calls this once, at its top
 * level): Kafka + Elasticsearch + InfluxDB, or the single process's bus and DuckDB.
 */
export function adminSuite(mode: Mode) {
  test.use({ mode });
  test.describe(mode, () => {
    /** The steps build on each other: one owner, one site, one visitor. */
    test.describe.configure({ mode: 'serial' });

    let siteKey = '';
    /** The page as it looks now, at its desktop size and at a phone's. */
    const shot = async (page: Page, name: string) => {
      mkdirSync(join(SHOTS, mode), { recursive: true });
      await page.screenshot({ path: join(SHOTS, mode, `${name}.png`), fullPage: true });
      const desktop = page.viewportSize();
      await page.setViewportSize(PHONE);
      await page.screenshot({ path: join(SHOTS, mode, `${name}-phone.png`), fullPage: true });
      if (desktop) await page.setViewportSize(desktop);
    };

    test('the first run asks for the owner account, then signs the owner in', async ({
      page,
      stack,
    }) => {
      await page.goto(`${stack.webUrl}/sites`);
      await expect(page).toHaveURL(/\/setup$/);
      await shot(page, 'setup');
      await page.getByLabel('Your name').fill(OWNER.name);
      await page.getByLabel('E-mail').fill(OWNER.email);
      await page.getByLabel(/^Password/).fill('short');
      await page.getByRole('button', { name: 'Create the owner account' }).click();
      await expect(page.locator('p[role="alert"]')).toContainText('at least 10 characters');
      await page.getByLabel(/^Password/).fill(OWNER.password);
      await page.getByRole('button', { name: 'Create the owner account' }).click();
      await expect(page.getByRole('heading', { name: 'Sites' })).toBeVisible();
      await expect(page.getByTestId('me')).toHaveText('Ada Owner (owner)');
      // The cookie cannot be read by scripts; set-up is closed from now on.
      const cookie = (await page.context().cookies()).find((c) => c.name === 'sl_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      expect((await page.request.post(`${stack.webUrl}/api/setup`, { data: OWNER })).status()).toBe(
        409,
      );
      const site = await page.request.post(`${stack.webUrl}/api/sites`, {
        data: { name: 'Test Shop', origins: ['*'] },
        headers: { origin: stack.webUrl },
      });
      expect(site.status()).toBe(201);
      siteKey = ((await site.json()) as { key: string }).key;
      expect(siteKey).toMatch(/^test-shop-[0-9a-f]{6}$/);
    });

    test('a viewer reads but cannot change settings', async ({ browser, stack }) => {
      const owner = await signIn(browser, stack, OWNER);
      await owner.goto('/settings');
      await owner.getByLabel('Name', { exact: true }).fill(VIEWER.name);
      await owner.getByLabel('E-mail').fill(VIEWER.email);
      await owner.getByLabel('Password').fill(VIEWER.password);
      await owner.getByRole('button', { name: 'Add the person' }).click();
      await expect(owner.getByTestId('users')).toContainText(VIEWER.email);
      await shot(owner, 'settings');

      const viewer = await signIn(browser, stack, VIEWER);
      await expect(viewer.getByTestId('sites')).toContainText('Test Shop');
      await expect(viewer.getByRole('button', { name: 'Add the site' })).toHaveCount(0);
      await expect(viewer.getByRole('link', { name: 'Settings' })).toHaveCount(0);
      const headers = { origin: stack.webUrl };
      for (const [method, path, data] of [
        ['put', `/api/sites/${siteKey}`, { name: 'Renamed', origins: [] }],
        ['delete', `/api/sites/${siteKey}`, undefined],
        ['post', '/api/sites', { name: 'Another', origins: [] }],
        ['post', '/api/users', { ...VIEWER, email: 'x@example.com', role: 'owner' }],
        ['post', '/api/api-keys', { name: 'k', role: 'owner' }],
        ['put', `/api/sites/${siteKey}/alert-rules/x`, {}],
        ['delete', `/api/sites/${siteKey}/alert-rules/x`, undefined],
        ['post', `/api/sites/${siteKey}/alerts/x/resolve`, {}],
        ['put', '/api/channels/x', {}],
        ['delete', '/api/channels/x', undefined],
        ['post', '/api/channels/x/test', { site: siteKey }],
      ] as const) {
        const response = await viewer.request.fetch(`${stack.webUrl}${path}`, {
          method,
          data,
          headers,
        });
        expect(response.status(), `${method} ${path}`).toBe(403);
      }
      expect((await viewer.request.get(`${stack.webUrl}/api/sites/${siteKey}`)).status()).toBe(200);
    });

    test('every API route refuses a request without a session or key', async ({
      playwright,
      stack,
    }) => {
      const anonymous = await playwright.request.newContext({ baseURL: stack.webUrl });
      const site = `/api/sites/${siteKey}`;
      for (const [method, path] of [
        ['GET', '/api/me'],
        ['GET', `${site}/export/events`],
        ['GET', `${site}/erasures`],
        ['POST', `${site}/erasures`],
        ['POST', '/api/logout'],
        ['GET', '/api/users'],
        ['POST', '/api/users'],
        ['GET', '/api/api-keys'],
        ['POST', '/api/api-keys'],
        ['DELETE', '/api/api-keys/x'],
        ['GET', '/api/sites'],
        ['POST', '/api/sites'],
        ['GET', site],
        ['PUT', site],
        ['DELETE', site],
        ['GET', `${site}/install`],
        ['GET', `${site}/live`],
        ['GET', `${site}/hits/live`],
        ['GET', `${site}/series`],
        ['GET', `${site}/timeseries`],
        ['GET', `${site}/visit-stats`],
        ['GET', `${site}/top?dimension=path`],
        ['GET', `${site}/events`],
        ['GET', `${site}/alert-rules`],
        ['PUT', `${site}/alert-rules/x`],
        ['DELETE', `${site}/alert-rules/x`],
        ['POST', `${site}/alert-rules/preview`],
        ['GET', `${site}/alerts`],
        ['GET', `${site}/alerts/live`],
        ['GET', `${site}/alerts/x/deliveries`],
        ['POST', `${site}/alerts/x/resolve`],
        ['GET', `${site}/dead-letters`],
        ['GET', '/api/dead-letters'],
        ['GET', '/api/channels'],
        ['PUT', '/api/channels/x'],
        ['DELETE', '/api/channels/x'],
        ['POST', '/api/channels/x/test'],
      ] as const) {
        const response = await anonymous.fetch(path, {
          method,
          data: method === 'GET' ? undefined : {},
        });
        expect(response.status(), `${method} ${path}`).toBe(401);
      }
      // Pages too: to the sign-in page.
      const page = await anonymous.get('/settings', { maxRedirects: 0 });
      expect(page.status()).toBe(302);
      expect(page.headers().location ?? '').toMatch(/^\/login/);
      expect((await anonymous.get('/healthz')).status()).toBe(200);
      // Readiness and metrics are served on the operations port only.
      for (const path of ['/metrics', '/readyz'])
        expect((await anonymous.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
      await anonymous.dispose();
    });

    test('an API key reads the same queries as the dashboard', async ({ browser, stack }) => {
      const owner = await signIn(browser, stack, OWNER);
      await owner.goto('/settings');
      await owner.getByLabel('Key name').fill('reporting');
      await owner.getByRole('button', { name: 'Create a key' }).click();
      const key = (await owner.getByTestId('new-key').textContent())!;
      expect(key).toMatch(/^slk_/);
      const client = await browser.newContext();
      const top = await client.request.get(
        `${stack.webUrl}/api/sites/${siteKey}/top?dimension=path&filter=type:eq:pageview`,
        { headers: { authorization: `Bearer ${key}` } },
      );
      expect(top.status()).toBe(200);
      expect((await top.json()) as { buckets: unknown[] }).toHaveProperty('buckets');
      const refused = await client.request.get(`${stack.webUrl}/api/sites`, {
        headers: { authorization: 'Bearer slk_not-a-key' },
      });
      expect(refused.status()).toBe(401);
      await client.close();
    });

    test('an owner adds a site, copies the snippet and verifies it with a real visit', async ({
      browser,
      stack,
    }) => {
      const owner = await signIn(browser, stack, OWNER);
      await owner.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: stack.webUrl,
      });
      await owner.getByLabel('Name').fill('Docs site');
      await owner.getByLabel(/^Allowed origins/).fill(stack.siteUrl);
      await owner.getByRole('button', { name: 'Add the site' }).click();
      await owner.waitForURL(/\/sites\/docs-site-[0-9a-f]{6}\/install$/);
      const key = decodeURIComponent(new URL(owner.url()).pathname.split('/')[2]!);
      await owner
        .getByRole('button', { name: 'Copy: Paste into every page, before </head>' })
        .click();
      const copied = await owner.evaluate(() => navigator.clipboard.readText());
      expect(copied).toContain(`data-site="${key}"`);
      expect(copied).toContain(`src="${stack.ingestUrl}/sightline.js"`);
      await expect(owner.locator('pre code').first()).toHaveText(copied);
      await owner.getByRole('button', { name: 'Verify installation' }).click();
      await expect(owner.getByTestId('verify-status')).toContainText('Waiting for the first event');
      // The snippet as copied, pasted into a page of the site.
      stack.page('docs.html', key, 'Docs home');
      const visitor = await visit(browser, stack, 'docs.html');
      await expect(owner.getByTestId('verify-status')).toContainText('Events are arriving', {
        timeout: 20_000,
      });
      await shot(owner, 'install');
      await visitor.close();

      // The static-site command, run as shown, tags a page; the bundler's package installs.
      const blocks = await owner.locator('pre code').allTextContents();
      const cli = blocks.find((code) => code.includes(' inject '))!;
      const folder = mkdtempSync(join(tmpdir(), 'sightline-static-'));
      mkdirSync(join(folder, 'public'));
      writeFileSync(
        join(folder, 'public', 'index.html'),
        '<html><head></head><body></body></html>',
      );
      execSync(cli, { cwd: folder, stdio: 'pipe' });
      expect(readFileSync(join(folder, 'public', 'index.html'), 'utf8')).toContain(
        `data-site="${key}"`,
      );
      const install = blocks.find((code) => code.startsWith('npm install '))!.split('\n')[0]!;
      writeFileSync(join(folder, 'package.json'), '{"name":"static-site","private":true}');
      execSync(`${install} --offline --no-audit --no-fund`, { cwd: folder, stdio: 'pipe' });
      expect(
        existsSync(join(folder, 'node_modules', '@sightline', 'tracker', 'package.json')),
      ).toBe(true);
      rmSync(folder, { recursive: true, force: true });
    });

    test('the live dashboard moves within seconds of a visit', async ({ browser, stack }) => {
      const owner = await signIn(browser, stack, OWNER);
      await owner.goto(`/sites/${siteKey}`);
      await expect(owner.getByText('● Live')).toBeVisible();
      const views = owner.getByTestId('live-pageviews');
      // Earlier tests' visits may still be settling into their windows: start from a figure
      // that has held for two seconds.
      let before = Number(await views.textContent());
      for (let held = 0; held < 4;) {
        await owner.waitForTimeout(500);
        const now = Number(await views.textContent());
        held = now === before ? held + 1 : 0;
        before = now;
      }
      // The moment the figure reaches this visit's count, seen from inside the page.
      await owner.evaluate(
        (target) => {
          const node = document.querySelector('[data-testid="live-pageviews"]')!;
          new MutationObserver(() => {
            if (node.textContent !== target) return;
            (window as unknown as { changedAt?: number }).changedAt ??= Date.now();
          }).observe(node, { childList: true, characterData: true, subtree: true });
        },
        String(before + 1),
      );
      stack.page('live.html', siteKey, 'Live page');
      const visitor = await visit(browser, stack, 'live.html');
      await expect(views).toHaveText(String(before + 1), { timeout: 15_000 });
      await expect(owner.getByTestId('visitors-now')).not.toHaveText('0');
      await expect(owner.getByTestId('top-top-pages')).toContainText('/live.html');
      const delay =
        (await owner.evaluate(() => (window as unknown as { changedAt: number }).changedAt)) -
        (await visitor.sentAt);
      test.info().annotations.push({ type: 'event to dashboard (ms)', description: String(delay) });
      // The measured delay belongs in the run's output, next to the test's name.
      // eslint-disable-next-line no-console
      console.log(`event sent → live dashboard moved: ${delay} ms`);
      expect(delay).toBeGreaterThan(0);
      await shot(owner, 'live-dashboard');
      await visitor.close();
    });

    test("explore finds an event by its page and shows the visitor's timeline", async ({
      browser,
      stack,
    }) => {
      stack.page('pricing.html', siteKey, 'Pricing');
      const visitor = await visit(browser, stack, 'pricing.html?plan=pro');
      await visitor.sentAt;
      await visitor.close();
      const owner = await signIn(browser, stack, OWNER);
      await explorePath(owner, siteKey, '/pricing.html', '/pricing.html');
      await expect(owner.getByTestId('events')).not.toContainText('/live.html');
      await expect(owner.getByTestId('top-by-path')).toContainText('/pricing.html');
      // The search is in the URL: opened again, it is the same search.
      await expect(owner).toHaveURL(/filter=path%3Aeq%3A%2Fpricing\.html/);
      await owner.goto(owner.url());
      await expect(owner.getByLabel('Field', { exact: true })).toHaveValue('path');
      await expect(owner.getByLabel('Value')).toHaveValue('/pricing.html');
      await expect(owner.getByTestId('events')).toContainText('Viewed /pricing.html');
      // An event opens with every field it carries.
      const row = owner.getByTestId('event-row').filter({ hasText: 'pageview' }).first();
      await row.getByRole('button').first().click();
      const details = owner.getByTestId('event-details');
      await expect(details).toContainText(/path\s*\/pricing\.html/);
      await expect(details).toContainText(new RegExp(`site\\s*${siteKey}`));
      // The visitor's timeline: every event of that visitor, whatever the page.
      await owner.getByTitle("Show this visitor's timeline").first().click();
      await expect(owner.getByTestId('filter')).toHaveCount(1);
      await expect(owner.getByLabel('Field', { exact: true })).toHaveValue('visitor');
      await expect(owner.getByTestId('events')).toContainText('pageview');
      await shot(owner, 'explore');
    });

    test('explore exports the events it selects as CSV and NDJSON, every one, oldest first', async ({
      browser,
      stack,
    }) => {
      stack.page('export.html', siteKey, '=1+1 "quoted", with a comma');
      const visits = 3;
      for (let i = 0; i < visits; i++) {
        const visitor = await visit(browser, stack, `export.html?n=${i}`);
        await visitor.sentAt;
        await visitor.close();
      }
      const owner = await signIn(browser, stack, OWNER);
      await explorePath(owner, siteKey, '/export.html', 'Viewed /export.html');
      const downloading = owner.waitForEvent('download');
      await owner.getByRole('button', { name: 'Export CSV' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(new RegExp(`^${siteKey}-events-.*\\.csv$`));
      const csv = readFileSync(await download.path(), 'utf8');
      const [header, ...rows] = csv.trimEnd().split('\r\n');
      const columns = header!.split(',');
      expect(columns.slice(0, 4)).toEqual(['time', 'type', 'site', 'id']);
      // The page's title holds a quote, a comma and a formula: quoted, and never a formula.
      const typeAt = columns.indexOf('type');
      const views = rows.filter((row) => row.split(',')[typeAt] === 'pageview');
      expect(views).toHaveLength(visits);
      for (const row of views) expect(row).toContain(`"'=1+1 ""quoted"", with a comma"`);
      // NDJSON through the API: the same events, each whole, oldest first.
      const to = Date.now();
      const ndjson = await owner.request.get(
        `/api/sites/${siteKey}/export/events?format=ndjson&from=${to - 3_600_000}&to=${to}&filter=path:eq:/export.html`,
      );
      expect(ndjson.headers()['content-type']).toContain('application/x-ndjson');
      const events = (await ndjson.text())
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: string; ts: number; type: string; path: string });
      expect(events.filter((e) => e.type === 'pageview')).toHaveLength(visits);
      expect(events.every((e) => e.path === '/export.html')).toBe(true);
      expect(events.map((e) => e.ts)).toEqual(events.map((e) => e.ts).sort((a, b) => a - b));
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      expect(rows.map((row) => row.split(',')[columns.indexOf('id')]).sort()).toEqual(
        events.map((e) => e.id).sort(),
      );
    });

    test('the last hour reads page views and unique visitors from the stores', async ({
      browser,
      stack,
    }) => {
      const owner = await signIn(browser, stack, OWNER);
      await owner.goto(`/sites/${siteKey}`);
      await owner.getByRole('button', { name: '1 hour' }).click();
      // The earlier tests' visitors: each one counted once over the hour, whatever its events.
      await expect(owner.getByTestId('history-visitors')).toHaveText(/^[1-9][\d,]*$/);
      const figure = async (id: string) =>
        Number((await owner.getByTestId(id).textContent())!.replaceAll(',', ''));
      const visitors = await figure('history-visitors');
      const views = await figure('history-pageviews');
      expect(views).toBeGreaterThanOrEqual(visitors);
      await shot(owner, 'history');
    });

    test('visitors over a range count each visitor once, however many windows they were seen in', async ({
      browser,
      stack,
    }) => {
      const owner = await signIn(browser, stack, OWNER);
      const key = await createSite(owner, stack, 'Series Check');
      // Three visitors, each with a page view in three or four 10-second windows of the last half
      // minute (windows take events up to 30 s after their end), and one with a single page view
      // (a bounce). Their visits are still going on.
      const pages = { a: 4, b: 4, c: 4, d: 1 };
      const SPACING = 7_000;
      const eventsAt = (now: number) =>
        Object.entries(pages).flatMap(([visitor, count]) =>
          Array.from({ length: count }, (_, k) => ({
            id: randomUUID(),
            type: 'pageview',
            visitor: `${key}-${visitor}`,
            session: `${key}-${visitor}`,
            ts: now - 24_000 + k * SPACING,
            url: `https://series.example/page-${k}`,
          })),
        );
      let events = eventsAt(Date.now());
      // The tally, apart from the product: distinct visitors per step of the epoch, over the
      // raw events as stored (ingest shifts times by the sender's clock skew).
      const tally = (stored: { ts: number; visitor: string }[], step: number) => {
        const byStep = new Map<number, Set<string>>();
        for (const e of stored) {
          const t = Math.floor(e.ts / step) * step;
          byStep.set(t, (byStep.get(t) ?? new Set()).add(e.visitor));
        }
        return Object.fromEntries([...byStep].map(([t, v]) => [t, v.size]));
      };
      // Ingest learns of the new site from the configuration; it refuses it until then.
      await expect(async () => {
        events = eventsAt(Date.now());
        await expectCollected(stack, key, events);
      }).toPass({ timeout: 15_000 });
      const now = Date.now();
      const range = `from=${now - 3_600_000}&to=${now + 60_000}`;
      const series = async (step: number) => {
        const response = await owner.request.get(
          `${stack.webUrl}/api/sites/${key}/series?${range}&step=${step}&fields=pageviews,visitors`,
        );
        const body = (await response.json()) as {
          points: { time: number; values: { pageviews: number; visitors: number } }[];
        };
        return body.points;
      };
      await expect(async () => {
        const points = await series(60_000);
        expect(points.reduce((sum, p) => sum + p.values.pageviews, 0)).toBe(events.length);
      }).toPass({ timeout: 30_000 });
      let stored: { ts: number; visitor: string }[] = [];
      // Raw events become searchable a moment after the windows are written.
      await expect(async () => {
        const response = await owner.request.get(
          `${stack.webUrl}/api/sites/${key}/events?${range}&limit=100`,
        );
        stored = ((await response.json()) as { events: typeof stored }).events;
        expect(stored).toHaveLength(events.length);
      }).toPass({ timeout: 30_000 });
      for (const step of [60_000, 3_600_000, 86_400_000]) {
        const points = await series(step);
        const visitors = Object.fromEntries(
          points.filter((p) => p.values.visitors > 0).map((p) => [p.time, p.values.visitors]),
        );
        expect(visitors, `visitors per step of ${step} ms`).toEqual(tally(stored, step));
      }
      // The 24-hour chart: hourly buckets over the whole day, with a legend.
      await owner.goto(`/sites/${key}`);
      await owner.getByRole('button', { name: '24 hours' }).click();
      const legend = owner.locator('.recharts-legend-wrapper');
      await expect(legend).toContainText('Page views');
      await expect(legend).toContainText('Visitors');
      await expect(owner.getByTestId('history-visitors')).toHaveText('4');
      // Bounces and durations of visits in progress, as tallied from what was sent.
      const durations = Object.values(pages).map((count) => (count - 1) * SPACING);
      const bounces = Object.values(pages).filter((count) => count === 1).length;
      await expect(owner.getByTestId('stat-visits')).toHaveText('4');
      await expect(owner.getByTestId('stat-bounce-rate')).toHaveText(
        `${Math.round((bounces / 4) * 100)}%`,
      );
      await expect(owner.getByTestId('stat-visit-duration')).toHaveText(
        `${Math.round(durations.reduce((a, b) => a + b, 0) / 4 / 1_000)} s`,
      );
      await shot(owner, 'history-24h');
    });

    test('filters from any list narrow every figure, combine, turn round, and live in the URL', async ({
      browser,
      stack,
    }) => {
      const owner = await signIn(browser, stack, OWNER);
      const key = await createSite(owner, stack, 'Filter Check');
      // Five visitors, two of them on phones; page views, clicks and a referrer each.
      const visits: Record<string, { mobile: boolean; pages: string[]; clicks: string[] }> = {
        d1: { mobile: false, pages: ['/', '/pricing', '/pricing'], clicks: ['/pricing'] },
        d2: { mobile: false, pages: ['/', '/docs'], clicks: ['/docs'] },
        d3: { mobile: false, pages: ['/pricing'], clicks: [] },
        m1: { mobile: true, pages: ['/pricing', '/docs'], clicks: ['/pricing'] },
        m2: { mobile: true, pages: ['/'], clicks: [] },
      };
      type Sent = { visitor: string; type: string; path: string; device: string };
      const made = (now: number) =>
        Object.entries(visits).map(([name, v]) => {
          const visitor = `${key}-${name}`;
          // Well within the windows' 30 s of lateness, as the tracker sends them.
          const at = (k: number) => now - 12_000 + k * 1_000;
          const events = [
            ...v.pages.map((path, k) => ({
              id: randomUUID(),
              type: 'pageview',
              visitor,
              session: visitor,
              ts: at(k),
              url: `https://filters.example${path}`,
              ...(k === 0 && name !== 'd1' && name !== 'm2'
                ? { referrer: 'https://news.example/item' }
                : {}),
            })),
            ...v.clicks.map((path, k) => ({
              id: randomUUID(),
              type: 'click',
              visitor,
              session: visitor,
              ts: at(10 + k),
              url: `https://filters.example${path}`,
              x: 10,
              y: 20,
              tag: 'button',
            })),
          ];
          return { mobile: v.mobile, events };
        });
      let batches = made(Date.now());
      await expect(async () => {
        batches = made(Date.now());
        for (const { mobile, events } of batches) {
          await expectCollected(stack, key, events, mobile ? MOBILE_UA : DESKTOP_UA);
        }
      }).toPass({ timeout: 15_000 });
      // The tally, apart from the product: what was sent, with each event's page and device.
      const sent: Sent[] = batches.flatMap(({ mobile, events }) =>
        events.map((e) => ({
          visitor: e.visitor,
          type: e.type,
          path: new URL(e.url).pathname,
          device: mobile ? 'mobile' : 'desktop',
        })),
      );
      const tally = (keep: (e: Sent) => boolean) => {
        const kept = sent.filter(keep);
        const views = kept.filter((e) => e.type === 'pageview');
        const byDevice = (device: string) => views.filter((e) => e.device === device).length;
        return {
          pageviews: String(views.length),
          visitors: String(new Set(kept.map((e) => e.visitor)).size),
          clicks: String(kept.filter((e) => e.type === 'click').length),
          desktop: byDevice('desktop'),
          mobile: byDevice('mobile'),
        };
      };
      const expectFigures = async (page: Page, want: ReturnType<typeof tally>) => {
        await expect(page.getByTestId('history-pageviews')).toHaveText(want.pageviews);
        await expect(page.getByTestId('history-visitors')).toHaveText(want.visitors);
        await expect(page.getByTestId('stat-clicks')).toHaveText(want.clicks);
        const devices = page.getByTestId('top-devices');
        for (const device of ['desktop', 'mobile'] as const) {
          const row = devices.locator('li').filter({ hasText: device });
          if (want[device] === 0) await expect(row).toHaveCount(0);
          else await expect(row).toContainText(String(want[device]));
        }
      };
      // Raw events are searchable a moment after they are stored.
      await expect(async () => {
        const found = await owner.request.get(
          `${stack.webUrl}/api/sites/${key}/events?from=${Date.now() - 3_600_000}&limit=1`,
        );
        expect(((await found.json()) as { total: number }).total).toBe(sent.length);
      }).toPass({ timeout: 30_000 });
      // And the windows hold them (the unfiltered figures read the windows).
      await expect(async () => {
        const windows = await owner.request.get(
          `${stack.webUrl}/api/sites/${key}/series?from=${Date.now() - 3_600_000}&to=${Date.now() + 60_000}&fields=pageviews`,
        );
        const { points } = (await windows.json()) as {
          points: { values: { pageviews: number } }[];
        };
        expect(points.reduce((n, p) => n + p.values.pageviews, 0)).toBe(
          Number(tally(() => true).pageviews),
        );
      }).toPass({ timeout: 30_000 });

      await owner.goto(`/sites/${key}?range=1h`);
      await expectFigures(
        owner,
        tally(() => true),
      );
      // A filter on the device selects visits too: bounce rate and duration of the phones' visits.
      const phones = batches.filter((b) => b.mobile).flatMap((b) => b.events);
      const byVisitor = new Map<string, typeof phones>();
      for (const e of phones) byVisitor.set(e.visitor, [...(byVisitor.get(e.visitor) ?? []), e]);
      const durations = [...byVisitor.values()].map(
        (list) => Math.max(...list.map((e) => e.ts)) - Math.min(...list.map((e) => e.ts)),
      );
      const bounces = [...byVisitor.values()].filter(
        (list) => list.filter((e) => e.type === 'pageview').length <= 1,
      ).length;
      await owner.goto(`/sites/${key}?range=1h&filter=device:eq:mobile`);
      await expect(owner.getByTestId('stat-visits')).toHaveText(String(byVisitor.size));
      await expect(owner.getByTestId('stat-bounce-rate')).toHaveText(
        `${Math.round((bounces / byVisitor.size) * 100)}%`,
      );
      await expect(owner.getByTestId('stat-visit-duration')).toHaveText(
        `${Math.round(durations.reduce((a, b) => a + b, 0) / byVisitor.size / 1_000)} s`,
      );
      await owner.goto(`/sites/${key}?range=1h`);
      // A row of any list filters every panel on its value.
      await owner.getByTestId('top-top-pages').getByRole('button', { name: '/pricing' }).click();
      await expect(owner).toHaveURL(/filter=path%3Aeq%3A%2Fpricing/);
      await expect(owner.getByTestId('filter')).toHaveText(/Page\s*is\s*\/pricing/);
      await expectFigures(
        owner,
        tally((e) => e.path === '/pricing'),
      );
      await expect(owner.getByTestId('stat-avg-scroll-depth')).toHaveText('–');
      // Visits cannot be selected by a page: their figures say so rather than show all visits.
      await expect(owner.getByTestId('stat-visits')).toHaveText('–');
      // Filters combine with AND.
      await owner.getByTestId('top-devices').getByRole('button', { name: 'mobile' }).click();
      await expectFigures(
        owner,
        tally((e) => e.path === '/pricing' && e.device === 'mobile'),
      );
      // A filter turns round: the page is not /pricing.
      await owner.getByRole('button', { name: 'Page: is (change)' }).click();
      await expect(owner).toHaveURL(/filter=path%3Aneq%3A%2Fpricing/);
      await expectFigures(
        owner,
        tally((e) => e.path !== '/pricing' && e.device === 'mobile'),
      );
      await owner.getByRole('button', { name: 'Remove the Device filter' }).click();
      const notPricing = tally((e) => e.path !== '/pricing');
      await expectFigures(owner, notPricing);
      // The URL is the view: opened again (or shared), it shows the same figures.
      const shared = owner.url();
      const other = await signIn(browser, stack, OWNER);
      await other.goto(shared);
      await expect(other.getByTestId('filter')).toHaveText(/Page\s*is not\s*\/pricing/);
      await expectFigures(other, notPricing);
      // The chart's points under the filter, per minute, add up to the same page views.
      const series = await owner.request.get(
        `${stack.webUrl}/api/sites/${key}/series?from=${Date.now() - 3_600_000}&to=${Date.now()}&step=60000&fields=pageviews,visitors,scrollDepthSum&filter=${encodeURIComponent('path:neq:/pricing')}`,
      );
      const body = (await series.json()) as {
        points: { values: { pageviews: number } }[];
        omitted: string[];
      };
      expect(body.points.reduce((n, p) => n + p.values.pageviews, 0)).toBe(
        Number(notPricing.pageviews),
      );
      expect(body.omitted).toEqual(['scrollDepthSum']);
      // Compared with the same period a year before, kept in the URL too.
      await owner.getByLabel('Compare with').selectOption('year');
      await expect(owner).toHaveURL(/compare=year/);
      await shot(owner, 'dashboard-filtered');
      // The live view applies the same filters (the events are less than a minute old).
      await owner.getByRole('button', { name: 'Live' }).click();
      await expect(owner.getByText('Live, filtered')).toBeVisible();
      await expectFigures(owner, notPricing);
      await owner.getByRole('button', { name: 'Clear filters' }).click();
      await expect(owner).not.toHaveURL(/filter=/);
      // Unfiltered, the live lists filter too.
      await expect(async () => {
        await owner.getByTestId('top-top-pages').getByRole('button', { name: '/docs' }).click();
        await expect(owner).toHaveURL(/filter=path%3Aeq%3A%2Fdocs/, { timeout: 1_000 });
      }).toPass({ timeout: 15_000 });
      await expectFigures(
        owner,
        tally((e) => e.path === '/docs'),
      );
    });

    test('goals made in the app count their visitors, conversions, rate and revenue, filtered too', async ({
      browser,
      stack,
    }) => {
      const owner = await signIn(browser, stack, OWNER);
      const key = await createSite(owner, stack, 'Goal Check');
      await owner.goto(`/sites/${key}/goals`);
      await expect(owner.getByText('No goals yet.')).toBeVisible();
      const addGoal = async (
        name: string,
        kind: 'page' | 'event',
        target: string,
        prop?: string,
      ) => {
        await owner.getByLabel('Name', { exact: true }).fill(name);
        await owner.getByLabel('Reached by').selectOption(kind);
        await owner.getByLabel(kind === 'page' ? 'Page path' : 'Event name').fill(target);
        if (prop) {
          const [k, v] = prop.split('=');
          await owner.getByLabel('Property name').fill(k!);
          await owner.getByLabel('Property value').fill(v!);
        }
        await owner.getByRole('button', { name: 'Add goal' }).click();
        await expect(owner.getByTestId('goals')).toContainText(name);
      };
      await addGoal('Read the docs', 'page', '/docs/**');
      await addGoal('Pro signup', 'event', 'signup', 'plan=pro');
      await addGoal('Order', 'event', 'purchase');
      await addGoal('Left at once', 'page', '/gone');
      await owner.getByRole('button', { name: 'Delete the goal Left at once' }).click();
      await expect(owner.getByTestId('goals').locator('li')).toHaveCount(3);
      await shot(owner, 'goals');

      type Sent = Record<string, unknown> & { type: string; visitor: string };
      const plan: Record<string, { mobile: boolean; events: Record<string, unknown>[] }> = {
        a: {
          mobile: false,
          events: [
            { type: 'pageview', path: '/' },
            { type: 'pageview', path: '/docs/start' },
            { type: 'pageview', path: '/docs/api/x' },
            { type: 'custom', path: '/docs/api/x', name: 'signup', props: { plan: 'pro' } },
          ],
        },
        b: {
          mobile: false,
          events: [
            { type: 'pageview', path: '/pricing' },
            { type: 'custom', path: '/pricing', name: 'signup', props: { plan: 'free' } },
            { type: 'purchase', path: '/pricing', orderId: 'o-1', value: 49.5, currency: 'EUR' },
          ],
        },
        c: {
          mobile: true,
          events: [
            { type: 'pageview', path: '/docs/start' },
            {
              type: 'purchase',
              path: '/docs/start',
              orderId: 'o-2',
              value: 20.25,
              currency: 'EUR',
            },
            { type: 'custom', path: '/docs/start', name: 'signup', props: { plan: 'pro' } },
          ],
        },
        d: { mobile: true, events: [{ type: 'pageview', path: '/' }] },
        // `/docs/**` needs something after `/docs/`.
        e: { mobile: false, events: [{ type: 'pageview', path: '/docs' }] },
      };
      let batches: { mobile: boolean; events: Sent[] }[] = [];
      await expect(async () => {
        const now = Date.now();
        batches = Object.entries(plan).map(([name, p]) => ({
          mobile: p.mobile,
          events: p.events.map(({ path, ...rest }, k) => ({
            ...rest,
            type: String(rest.type),
            id: randomUUID(),
            visitor: `${key}-${name}`,
            session: `${key}-${name}`,
            ts: now - 12_000 + k * 1_000,
            url: `https://goals.example${String(path)}`,
          })),
        }));
        for (const { mobile, events } of batches) {
          await expectCollected(stack, key, events, mobile ? MOBILE_UA : DESKTOP_UA);
        }
      }).toPass({ timeout: 15_000 });
      // The tally, apart from the product.
      const sent = batches.flatMap((b) =>
        b.events.map((e): Sent & { mobile: boolean } => ({ ...e, mobile: b.mobile })),
      );
      const reached: Record<string, (e: (typeof sent)[number]) => boolean> = {
        'read-the-docs': (e) =>
          e.type === 'pageview' && new URL(String(e.url)).pathname.startsWith('/docs/'),
        'pro-signup': (e) =>
          e.type === 'custom' &&
          e.name === 'signup' &&
          (e.props as Record<string, string>).plan === 'pro',
        order: (e) => e.type === 'purchase',
      };
      const expectGoals = async (page: Page, keep: (e: (typeof sent)[number]) => boolean) => {
        const kept = sent.filter(keep);
        const everyone = new Set(kept.map((e) => e.visitor)).size;
        for (const [id, reaches] of Object.entries(reached)) {
          const hits = kept.filter(reaches);
          const visitors = new Set(hits.map((e) => e.visitor)).size;
          const row = page.getByTestId(`goal-${id}`);
          await expect(row.getByTestId('goal-visitors')).toHaveText(String(visitors));
          await expect(row.getByTestId('goal-conversions')).toHaveText(String(hits.length));
          await expect(row.getByTestId('goal-rate')).toHaveText(
            `${((everyone ? visitors / everyone : 0) * 100).toFixed(1)}%`,
          );
          const revenue = hits.reduce((sum, e) => sum + Number(e.value ?? 0), 0);
          if (revenue > 0)
            await expect(row.getByTestId('goal-revenue')).toContainText(revenue.toFixed(2));
          else await expect(row.getByTestId('goal-revenue')).toHaveText('–');
        }
      };
      // Raw events are searchable a moment after they are stored.
      await expect(async () => {
        const found = await owner.request.get(
          `${stack.webUrl}/api/sites/${key}/events?from=${Date.now() - 3_600_000}&limit=1`,
        );
        expect(((await found.json()) as { total: number }).total).toBe(sent.length);
      }).toPass({ timeout: 30_000 });
      await owner.goto(`/sites/${key}?range=1h`);
      await expectGoals(owner, () => true);
      await shot(owner, 'dashboard-goals');
      await owner.goto(`/sites/${key}?range=1h&filter=device:eq:mobile`);
      await expectGoals(owner, (e) => e.mobile);
      // A goal's name filters the dashboard on the visitors who reached it: every figure counts
      // their events only, the goal's own and the others; turned round, everyone else's.
      const expectVisitorsOf = async (keep: (visitor: string) => boolean) => {
        const kept = sent.filter((e) => keep(e.visitor));
        const views = kept.filter((e) => e.type === 'pageview');
        await expect(owner.getByTestId('history-pageviews')).toHaveText(String(views.length));
        const visitors = new Set(kept.map((e) => e.visitor)).size;
        await expect(owner.getByTestId('history-visitors')).toHaveText(String(visitors));
        // Each visitor made one visit: the goal selects the visits of its visitors too.
        await expect(owner.getByTestId('stat-visits')).toHaveText(String(visitors));
        const pages = new Map<string, number>();
        for (const e of views) {
          const path = new URL(String(e.url)).pathname;
          pages.set(path, (pages.get(path) ?? 0) + 1);
        }
        const list = owner.getByTestId('top-top-pages').locator('li');
        await expect(list).toHaveCount(pages.size);
        for (const [path, count] of pages)
          await expect(
            list.filter({ has: owner.getByRole('button', { name: path, exact: true }) }),
          ).toContainText(String(count));
        await expectGoals(owner, (e) => keep(e.visitor));
      };
      const buyers = new Set(sent.filter(reached.order!).map((e) => e.visitor));
      await owner.goto(`/sites/${key}?range=1h`);
      await owner.getByTestId('goal-order').getByRole('button', { name: 'Order' }).click();
      await expect(owner).toHaveURL(/filter=goal%3Aeq%3Aorder/);
      await expect(owner.getByTestId('filter')).toContainText('Goal');
      await expectVisitorsOf((visitor) => buyers.has(visitor));
      await owner.getByRole('button', { name: 'Goal: is (change)' }).click();
      await expect(owner).toHaveURL(/filter=goal%3Aneq%3Aorder/);
      await expectVisitorsOf((visitor) => !buyers.has(visitor));
      // A goal the site does not have is refused with its reason.
      const unknown = await owner.request.get(
        `${stack.webUrl}/api/sites/${key}/top?dimension=path&filter=goal:eq:nothing`,
      );
      expect(unknown.status()).toBe(400);
      expect(((await unknown.json()) as { message: string }).message).toBe(
        'no goal "nothing" on this site',
      );
      // The live view counts them too, over its last five minutes.
      await owner.goto(`/sites/${key}`);
      await expectGoals(owner, () => true);
    });

    test('a funnel made in the app follows visits through its steps in order, filtered too', async ({
      browser,
      stack,
    }) => {
      const owner = await signIn(browser, stack, OWNER);
      const key = await createSite(owner, stack, 'Funnel Check');
      await owner.goto(`/sites/${key}/funnels`);
      await expect(owner.getByText('No funnels yet.')).toBeVisible();
      await owner.getByLabel('Name', { exact: true }).fill('Buy');
      await owner.getByLabel('Step 1 Page path').fill('/product/*');
      await owner.getByLabel('Step 2 Reached by').selectOption('event');
      await owner.getByLabel('Step 2 Event name').fill('add_to_cart');
      await owner.getByRole('button', { name: 'Add a step' }).click();
      await owner.getByLabel('Step 3 Reached by').selectOption('event');
      await owner.getByLabel('Step 3 Event name').fill('purchase');
      await owner.getByRole('button', { name: 'Add funnel' }).click();
      await expect(owner.getByTestId('funnels')).toContainText(
        'Visit /product/* → Event add_to_cart → Event purchase',
      );
      await shot(owner, 'funnels');

      // Visits: [second, event] in the order they happened.
      const view = (path: string) => ({ type: 'pageview', path });
      const cart = { type: 'add_to_cart', path: '/cart' };
      const buy = (order: string) => ({
        type: 'purchase',
        path: '/done',
        orderId: order,
        value: 10,
        currency: 'EUR',
      });
      const plan: Record<string, { mobile: boolean; steps: [number, Record<string, unknown>][] }> =
        {
          s1: {
            mobile: false,
            steps: [
              [0, view('/product/a')],
              [4, cart],
              [10, buy('o1')],
            ],
          },
          s2: {
            mobile: false,
            steps: [
              [0, view('/product/b')],
              [6, cart],
            ],
          },
          s3: { mobile: false, steps: [[0, view('/product/a')]] },
          // The cart before the product page: that visit never reaches step 2.
          s4: {
            mobile: false,
            steps: [
              [0, cart],
              [2, view('/product/a')],
            ],
          },
          s5: {
            mobile: true,
            steps: [
              [0, view('/product/c')],
              [8, cart],
              [9, buy('o2')],
            ],
          },
        };
      await expect(async () => {
        const now = Date.now();
        for (const [name, p] of Object.entries(plan)) {
          const events = p.steps.map(([second, { path, ...rest }]) => ({
            ...rest,
            id: randomUUID(),
            visitor: `${key}-${name}`,
            session: `${key}-${name}`,
            ts: now - 12_000 + second * 1_000,
            url: `https://funnel.example${String(path)}`,
          }));
          await expectCollected(stack, key, events, p.mobile ? MOBILE_UA : DESKTOP_UA);
        }
      }).toPass({ timeout: 15_000 });
      // The tally, apart from the product: each visit walked through the steps in order.
      const reaches = [
        (e: Record<string, unknown>) =>
          e.type === 'pageview' && String(e.path).startsWith('/product/'),
        (e: Record<string, unknown>) => e.type === 'add_to_cart',
        (e: Record<string, unknown>) => e.type === 'purchase',
      ];
      const tally = (keep: (mobile: boolean) => boolean) => {
        const reached = reaches.map(() => [] as number[]);
        const took = reaches.map(() => [] as number[]);
        for (const p of Object.values(plan).filter((p) => keep(p.mobile))) {
          let at: number | undefined;
          for (const [k, matches] of reaches.entries()) {
            const next = p.steps.find(
              ([second, e]) => matches(e) && (at === undefined || second >= at),
            );
            if (!next) break;
            if (at !== undefined) took[k]!.push(next[0] - at);
            reached[k]!.push(next[0]);
            at = next[0];
          }
        }
        const median = (xs: number[]) => {
          const s = [...xs].sort((a, b) => a - b);
          return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
        };
        return reached.map((list, k) => ({
          visits: list.length,
          dropOff: k === 0 ? 0 : reached[k - 1]!.length - list.length,
          conversion: k === 0 ? 1 : list.length / reached[k - 1]!.length,
          median: took[k]!.length ? `${Math.round(median(took[k]!))} s` : undefined,
        }));
      };
      const expectSteps = async (page: Page, want: ReturnType<typeof tally>) => {
        const steps = page.getByTestId('funnel-step');
        await expect(steps).toHaveCount(want.length);
        for (const [k, step] of want.entries()) {
          const row = steps.nth(k);
          await expect(row.getByTestId('funnel-visits')).toHaveText(String(step.visits));
          if (k === 0) continue;
          await expect(row.getByTestId('funnel-drop-off')).toHaveText(String(step.dropOff));
          await expect(row.getByTestId('funnel-conversion')).toHaveText(
            `${(step.conversion * 100).toFixed(1)}%`,
          );
          if (step.median) await expect(row.getByTestId('funnel-median')).toHaveText(step.median);
        }
      };
      const total = Object.values(plan).reduce((n, p) => n + p.steps.length, 0);
      await expect(async () => {
        const found = await owner.request.get(
          `${stack.webUrl}/api/sites/${key}/events?from=${Date.now() - 3_600_000}&limit=1`,
        );
        expect(((await found.json()) as { total: number }).total).toBe(total);
      }).toPass({ timeout: 30_000 });
      await owner.goto(`/sites/${key}?range=1h`);
      await expectSteps(
        owner,
        tally(() => true),
      );
      await shot(owner, 'dashboard-funnel');
      await owner.goto(`/sites/${key}?range=1h&filter=device:eq:mobile`);
      await expectSteps(
        owner,
        tally((mobile) => mobile),
      );
    });

    test('the visit log shows each visit with its pages, and its timeline in words, oldest first', async ({
      browser,
      stack,
    }) => {
      const owner = await signIn(browser, stack, OWNER);
      const key = await createSite(owner, stack, 'Visit Check');
      const site = 'https://visits.example';
      // [second, event] per visitor, in the order they happened.
      const plan: Record<string, [number, Record<string, unknown>][]> = {
        x: [
          [0, { type: 'pageview', path: '/' }],
          [
            2,
            {
              type: 'click',
              path: '/',
              tag: 'a',
              text: 'Pricing',
              href: `${site}/pricing`,
              x: 5,
              y: 5,
            },
          ],
          [3, { type: 'pageview', path: '/pricing' }],
          [9, { type: 'form_submit', path: '/pricing', formId: 'signup', fields: 2 }],
        ],
        y: [[1, { type: 'pageview', path: '/docs' }]],
      };
      await expect(async () => {
        const now = Date.now();
        const events = Object.entries(plan).flatMap(([name, steps]) =>
          steps.map(([second, { path, ...rest }]) => ({
            ...rest,
            id: randomUUID(),
            visitor: `${key}-${name}`,
            session: `${key}-${name}`,
            ts: now - 12_000 + second * 1_000,
            url: `${site}${String(path)}`,
          })),
        );
        await expectCollected(stack, key, events);
      }).toPass({ timeout: 15_000 });
      // The tally, apart from the product.
      const pages = (name: string) => plan[name]!.filter(([, e]) => e.type === 'pageview');
      const entry = (name: string) => String(pages(name)[0]![1].path);
      const exit = (name: string) => String(pages(name).at(-1)![1].path);

      // Entry and exit pages on the dashboard, counted per visit.
      await expect(async () => {
        await owner.goto(`/sites/${key}?range=1h`);
        for (const [list, of] of [
          ['top-entry-pages', entry],
          ['top-exit-pages', exit],
        ] as const)
          for (const name of Object.keys(plan))
            await expect(
              owner
                .getByTestId(list)
                .locator('li')
                .filter({ has: owner.getByText(of(name), { exact: true }) }),
            ).toContainText('1', { timeout: 2_000 });
      }).toPass({ timeout: 30_000 });

      await owner.goto(`/sites/${key}/visits`);
      await owner.getByRole('button', { name: '1 hour' }).click();
      const rows = owner.getByTestId('visit');
      await expect(rows).toHaveCount(2);
      // Latest first: y started a second after x.
      const x = rows.nth(1);
      await expect(x.getByTestId('visit-entry')).toHaveText(entry('x'));
      await expect(x.getByTestId('visit-exit')).toHaveText(exit('x'));
      await expect(x.getByTestId('visit-pages')).toHaveText(String(pages('x').length));
      await expect(x.getByTestId('visit-events')).toHaveText(String(plan.x!.length));
      await expect(x.getByTestId('visit-duration')).toHaveText(`${plan.x!.at(-1)![0]} s`);
      await expect(rows.nth(0).getByTestId('visit-pages')).toHaveText('1');
      await x.getByRole('button').click();
      const timeline = owner.getByTestId('timeline-event');
      await expect(timeline).toHaveText([
        /Viewed \/$/,
        /Clicked a “Pricing” → https:\/\/visits\.example\/pricing$/,
        /Viewed \/pricing$/,
        /Submitted form #signup$/,
      ]);
      await shot(owner, 'visits');
    });

    test('an unknown site says so instead of waiting, and the app has its icon', async ({
      browser,
      stack,
    }) => {
      const owner = await signIn(browser, stack, OWNER);
      await owner.goto('/sites/no-such-site');
      await expect(owner.locator('p[role="alert"]')).toHaveText(
        'This site cannot be shown: no such site',
      );
      const icon = await owner.request.get(`${stack.webUrl}/icon.svg`);
      expect(icon.status()).toBe(200);
      expect(icon.headers()['content-type']).toContain('image/svg+xml');
      await expect(owner.locator('link[rel="icon"]')).toHaveCount(1);
    });

    test('the activity page finds visitors and addresses busier than a person, by their busiest minute', async ({
      browser,
      stack,
    }) => {
      const owner = await signIn(browser, stack, OWNER);
      const key = await createSite(owner, stack, 'Activity Check');
      // A script: 30 page views in 15 seconds; a person: 4 in the same time; a phone: 2.
      const plan = { script: 30, person: 4, phone: 2 };
      const now = Date.now();
      for (const [name, count] of Object.entries(plan)) {
        const visitor = `${key}-${name}`;
        const events = Array.from({ length: count }, (_, k) => ({
          id: randomUUID(),
          type: 'pageview',
          visitor,
          session: visitor,
          ts: now - 20_000 + Math.floor((k * 15_000) / count),
          url: `https://activity.example/p/${k}`,
        }));
        await expectCollected(stack, key, events, name === 'phone' ? MOBILE_UA : DESKTOP_UA);
      }
      await expect(async () => {
        const found = await owner.request.get(
          `${stack.webUrl}/api/sites/${key}/events?from=${now - 3_600_000}&limit=1`,
        );
        expect(((await found.json()) as { total: number }).total).toBe(36);
      }).toPass({ timeout: 30_000 });
      await owner.goto(`/sites/${key}/activity`);
      await owner.getByLabel('More events a minute than').fill('10');
      const rows = owner.getByTestId('activity-row');
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText(`${key}-script`);
      await expect(rows.first().getByTestId('activity-events')).toHaveText(String(plan.script));
      await owner.getByLabel('More events a minute than').fill('1');
      await expect(rows).toHaveCount(3);
      await expect(rows.nth(1)).toContainText(`${key}-person`);
      await shot(owner, 'activity');
      // Every visitor here sends from this machine: one address, all their events in its minute.
      await owner.getByLabel('By').selectOption('address');
      await expect(rows).toHaveCount(1);
      await expect(rows.first().getByTestId('activity-events')).toHaveText('36');
      await expect(rows.first()).toContainText('3');
      const wide = await owner.request.get(
        `${stack.webUrl}/api/sites/${key}/activity?from=${now - 3 * 86_400_000}&to=${now}`,
      );
      expect(wide.status()).toBe(400);
    });

    test('an event no store can hold is set aside, and the dashboard says so with the reason', async ({
      browser,
      stack,
    }) => {
      const id = await stack.publishUnstorable(siteKey);
      const owner = await signIn(browser, stack, OWNER);
      await owner.goto(`/sites/${siteKey}`);
      const notice = owner.getByTestId('dead-letters');
      // The processor writes it with its next flush; the page reads it on load.
      await expect(async () => {
        await owner.reload();
        await expect(notice).toContainText('set aside and not counted', { timeout: 1_000 });
      }).toPass({ timeout: 20_000 });
      await notice.locator('summary').click();
      await expect(notice).toContainText(id);
      await expect(notice).toContainText('not a time the stores can hold');
      await shot(owner, 'dead-letters');
    });

    test('tracked titles and URLs are shown as text, never run', async ({ browser, stack }) => {
      const hostile = '<img src=x onerror="window.__xss=1">Hostile';
      stack.page('hostile.html', siteKey, hostile);
      const visitor = await visit(browser, stack, 'hostile.html?q=<script>window.__xss=2</script>');
      await visitor.sentAt;
      await visitor.close();
      const owner = await signIn(browser, stack, OWNER);
      const dialogs: string[] = [];
      owner.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await explorePath(owner, siteKey, '/hostile.html', hostile);
      await owner.getByLabel('Group by field').fill('title');
      await expect(owner.getByTestId('top-by-title')).toContainText(hostile);
      await owner.getByLabel('Group by field').fill('url');
      await expect(owner.getByTestId('top-by-url')).toContainText('script');
      await expectInert(owner);
      await owner.goto(`/sites/${siteKey}`);
      await expect(owner.getByTestId('top-top-pages')).toContainText('/hostile.html');
      await expectInert(owner);
      expect(dialogs).toEqual([]);
    });

    test('an owner writes a profile, a visitor matches it, and the hit appears in the feed', async ({
      browser,
      stack,
    }) => {
      // Two browsers, the assistant's scoring and four screenshots: more than the default minute on a busy 2-core machine.
      test.setTimeout(120_000);
      const owner = await signIn(browser, stack, OWNER);
      await owner.goto(`/sites/${siteKey}/profiles`);
      await owner.getByRole('link', { name: 'New profile' }).click();
      await owner.getByLabel('Id', { exact: true }).fill('wants-offer');
      await owner.getByLabel('Name').fill('Wants the offer');
      await owner.getByLabel('Holdout').fill('0');
      await owner.getByLabel('Threshold').fill('2');
      await owner.getByLabel('Message').fill('Take 10% off today.');
      // Relative to the site, as links to one's own pages usually are.
      await owner.getByLabel('Link URL').fill('/apply.html');
      await owner.getByLabel('Link label').fill('Claim the offer');
      // Evidence as a form: the offer page, a custom ratio of 50.
      await owner.getByLabel('Evidence 1 id').fill('offer-page');
      await owner.getByLabel('Evidence 1 event').selectOption('pageview');
      await owner.getByLabel('Evidence 1 pages').fill('/offer.html');
      await owner.getByLabel('Evidence 1 strength').selectOption('custom');
      await owner.getByLabel('Evidence 1 ratio').fill('50');
      await owner.getByRole('button', { name: 'Save the profile' }).click();
      // The contract's own check, shown by field.
      await expect(owner.getByTestId('issues')).toContainText('threshold');
      await owner.getByLabel('Threshold').fill('0.6');
      // The arithmetic: from log-odds −2.94 (5 %), ln 50 = +3.91 reaches 60 % (+0.41).
      const arithmetic = owner.getByTestId('arithmetic');
      await expect(arithmetic).toContainText('log-odds −2.94');
      await expect(arithmetic).toContainText('offer-page: ln 50 = +3.91');
      await expect(arithmetic).toContainText('takes +3.35');
      await owner.getByRole('button', { name: 'Save the profile' }).click();
      await owner.waitForURL(/\/profiles\/wants-offer$/);
      await shot(owner, 'profile-editor');

      await owner.goto(`/sites/${siteKey}/profiles`);
      await expect(owner.getByTestId('profiles')).toContainText('Wants the offer');
      await expect(owner.getByText('● Live')).toBeVisible();
      stack.page('offer.html', siteKey, 'Offer');
      stack.page('apply.html', siteKey, 'Apply');
      const visitor = await visit(browser, stack, 'offer.html');
      const popup = visitor.page.locator('[data-sightline="assistant"] .box');
      await expect(popup).toContainText('Take 10% off today.', { timeout: 20_000 });
      const feed = owner.getByTestId('hit-feed');
      await expect(feed).toContainText('Wants the offer');
      await expect(feed).toContainText('offer-page');
      await expect(feed.getByTestId('hit-status').first()).toHaveText('shown', { timeout: 20_000 });
      // Opened in a new tab, so that the click is reported from the page that stays: a beacon sent
      // while a page unloads leaves without the test's user-agent override, as a headless browser.
      const goal = visitor.page.context().waitForEvent('page');
      await popup
        .getByRole('link', { name: 'Claim the offer' })
        .click({ modifiers: ['ControlOrMeta'] });
      const opened = await goal;
      await opened.waitForLoadState();
      // A tab the page opens makes its first requests before the test's user-agent override
      // reaches it, so its page view (now sent at once) reads as a headless browser's and is
      // rightly not counted: the visitor reaches the goal again in a page of the test's own.
      const goalPage = await visitor.page.context().newPage();
      await goalPage.goto(opened.url());
      await expect(feed.getByTestId('hit-status').first()).toHaveText('clicked', {
        timeout: 20_000,
      });
      await shot(owner, 'profiles');
      const visitorId = (await feed.locator('td.font-mono').first().textContent())!;
      await visitor.close();

      // The figures: one hit, sent, shown and clicked; the goal page reached.
      await expect(async () => {
        await owner.reload();
        await expect(owner.getByTestId('profiles').locator('tr').first()).toContainText(
          /Wants the offer\s*1\s*1\s*0\s*1\s*1\s*0\s*100\.0% of 1/,
          { timeout: 2_000 },
        );
      })
        .toPass({ timeout: 30_000 })
        .catch(async (error: unknown) => {
          // Which of the visitor's events the store has (the goal's page view, its time, whether
          // it was taken for a bot) tells why a conversion is missing.
          const found = await owner.request.get(
            `${stack.webUrl}/api/sites/${siteKey}/events?filter=visitor:eq:${visitorId}&order=asc&limit=100&bots=true`,
          );
          const { events = [] } = (await found.json()) as { events?: Record<string, unknown>[] };
          const seen = events.map(
            (e) => `${String(e.type)} ${String(e.path)} ts=${String(e.ts)} bot=${String(e.bot)}`,
          );
          throw new Error(`${String(error)}; the visitor's events: ${seen.join('; ')}`);
        });

      // The simulator replays that visitor against the profile as edited.
      await owner.goto(`/sites/${siteKey}/profiles/wants-offer?visitor=${visitorId}`);
      await owner.getByRole('button', { name: 'Replay' }).click();
      await expect(owner.getByTestId('simulation-summary')).toContainText('would fire once');
      await owner.getByLabel('Threshold').fill('0.99');
      await owner.getByRole('button', { name: 'Replay' }).click();
      await expect(owner.getByTestId('simulation-summary')).toContainText('would not fire');
      await shot(owner, 'profile-simulator');
    });

    test('an owner erases a visitor: events, visits and hits leave every store, counts stay, the log says who', async ({
      browser,
      stack,
    }) => {
      const owner = await signIn(browser, stack, OWNER);
      const site = `${stack.webUrl}/api/sites/${siteKey}`;
      const to = Date.now() + 60_000;
      const range = `from=${to - 3_600_000}&to=${to}`;
      const get = async <T>(path: string) => (await (await owner.request.get(path)).json()) as T;
      // The visitor the profile test matched: a hit, events and a visit in the stores.
      const { hits } = await get<{ hits: { visitor: string }[] }>(`${site}/hits?${range}`);
      const visitor = hits[0]!.visitor;
      const eventsOf = async () =>
        (
          await get<{ total: number }>(
            `${site}/events?${range}&filter=visitor:eq:${visitor}&bots=true&limit=1`,
          )
        ).total;
      const visitsOf = async () =>
        (await get<{ visits: unknown[] }>(`${site}/visits?${range}&visitor=${visitor}`)).visits
          .length;
      const hitsOf = async () =>
        (await get<{ hits: { visitor: string }[] }>(`${site}/hits?${range}`)).hits.filter(
          (hit) => hit.visitor === visitor,
        ).length;
      const pageviews = async () =>
        (
          await get<{ points: { values: { pageviews?: number } }[] }>(
            `${site}/series?${range}&fields=pageviews`,
          )
        ).points.reduce((sum, point) => sum + (point.values.pageviews ?? 0), 0);
      expect(await eventsOf()).toBeGreaterThan(0);
      await expect.poll(visitsOf).toBeGreaterThan(0);
      expect(await hitsOf()).toBeGreaterThan(0);
      const viewsBefore = await pageviews();
      await owner.goto(`/sites/${siteKey}/install`);
      const panel = owner.getByTestId('erasure');
      await panel.getByLabel('Id to erase').fill(visitor);
      owner.once('dialog', (dialog) => void dialog.accept());
      await panel.getByRole('button', { name: 'Erase' }).click();
      // The counts are what this request deleted: a processor holding the visitor's open visit
      // may delete some of it first, so the stores themselves are checked below.
      await expect(panel.getByRole('status')).toContainText('Erased 1 visitor(s):');
      await expect(panel.getByTestId('erasure-log')).toContainText(OWNER.email);
      await expect(panel.getByTestId('erasure-log')).toContainText(`visitor ${visitor}`);
      expect(await eventsOf()).toBe(0);
      expect(await visitsOf()).toBe(0);
      expect(await hitsOf()).toBe(0);
      // The dashboards keep their counts: the windows hold numbers, not people.
      expect(await pageviews()).toBe(viewsBefore);
      // A viewer may not erase.
      const viewer = await signIn(browser, stack, VIEWER);
      const refused = await viewer.request.post(`${site}/erasures`, {
        data: { visitor },
        headers: { origin: stack.webUrl },
      });
      expect(refused.status()).toBe(403);
    });

    test('an erasure by user id covers every visitor (device) that user was identified as, and no one else', async ({
      browser,
      stack,
    }) => {
      const owner = await signIn(browser, stack, OWNER);
      const key = await createSite(owner, stack, 'Erase By User');
      const userId = `user-${randomUUID()}`;
      // The same person on a phone and a laptop, and someone else.
      const visits = [
        { visitor: `${key}-phone`, userId },
        { visitor: `${key}-laptop`, userId },
        { visitor: `${key}-other`, userId: `user-${randomUUID()}` },
      ];
      const eventsAt = (now: number) =>
        visits.flatMap(({ visitor, userId: id }, i) => [
          {
            id: randomUUID(),
            type: 'pageview',
            visitor,
            session: visitor,
            ts: now - 4_000 + i,
            url: `https://erase.example/${i}`,
          },
          {
            id: randomUUID(),
            type: 'identify',
            visitor,
            session: visitor,
            ts: now - 3_000 + i,
            url: `https://erase.example/${i}`,
            userId: id,
          },
        ]);
      await expect(async () => {
        const events = eventsAt(Date.now());
        await expectCollected(stack, key, events);
      }).toPass({ timeout: 15_000 });
      const site = `${stack.webUrl}/api/sites/${key}`;
      const to = Date.now() + 60_000;
      const range = `from=${to - 3_600_000}&to=${to}`;
      const eventsOf = async (visitor: string) =>
        (
          (await (
            await owner.request.get(`${site}/events?${range}&filter=visitor:eq:${visitor}&limit=1`)
          ).json()) as { total: number }
        ).total;
      for (const { visitor } of visits) await expect.poll(() => eventsOf(visitor)).toBe(2);

      const post = (data: unknown) =>
        owner.request.post(`${site}/erasures`, { data, headers: { origin: stack.webUrl } });
      const erased = await post({ userId });
      expect(erased.status()).toBe(201);
      const record = (await erased.json()) as { visitors: string[]; erased: { events: number } };
      expect([...record.visitors].sort()).toEqual([`${key}-laptop`, `${key}-phone`]);
      expect(record.erased.events).toBeGreaterThanOrEqual(0);
      expect(await eventsOf(`${key}-phone`)).toBe(0);
      expect(await eventsOf(`${key}-laptop`)).toBe(0);
      expect(await eventsOf(`${key}-other`)).toBe(2);
      // A user id never identified on this site: nothing to erase, and it says so.
      const unknown = await post({ userId: 'nobody-here' });
      expect(unknown.status()).toBe(404);
      // Both or neither: refused with the reason.
      const both = await post({ userId, visitor: `${key}-other` });
      expect(both.status()).toBe(400);
      expect(await eventsOf(`${key}-other`)).toBe(2);
    });

    test("an owner shortens a site's retention: the next sweep deletes its older events and visits, keeps its counts and other sites' data", async ({
      browser,
      stack,
    }) => {
      const owner = await signIn(browser, stack, OWNER);
      const key = await createSite(owner, stack, 'Retention Check');
      const other = await createSite(owner, stack, 'Retention Default');
      const eventsAt = (key: string, now: number) =>
        ['a', 'b', 'c'].map((visitor, i) => ({
          id: randomUUID(),
          type: 'pageview',
          visitor: `${key}-${visitor}`,
          session: `${key}-${visitor}`,
          ts: now - 5_000 + i,
          url: `https://retention.example/${visitor}`,
        }));
      // Ingest learns of the new site from the configuration; it refuses it until then.
      for (const site of [key, other])
        await expect(async () => {
          const events = eventsAt(site, Date.now());
          await expectCollected(stack, site, events);
        }).toPass({ timeout: 15_000 });
      const now = Date.now();
      const range = `from=${now - 3_600_000}&to=${now + 60_000}`;
      const get = async <T>(path: string) => (await (await owner.request.get(path)).json()) as T;
      const eventsOf = async (site: string) =>
        (
          await get<{ total: number }>(
            `${stack.webUrl}/api/sites/${site}/events?${range}&limit=1&bots=true`,
          )
        ).total;
      const visitsOf = async (site: string) =>
        (await get<{ visits: unknown[] }>(`${stack.webUrl}/api/sites/${site}/visits?${range}`))
          .visits.length;
      const pageviews = async () =>
        (
          await get<{ points: { values: { pageviews?: number } }[] }>(
            `${stack.webUrl}/api/sites/${key}/series?${range}&fields=pageviews`,
          )
        ).points.reduce((sum, point) => sum + (point.values.pageviews ?? 0), 0);
      for (const site of [key, other]) {
        await expect.poll(() => eventsOf(site), { timeout: 30_000 }).toBe(3);
        await expect.poll(() => visitsOf(site), { timeout: 30_000 }).toBe(3);
      }
      await expect.poll(pageviews, { timeout: 30_000 }).toBe(3);

      await owner.goto(`/sites/${key}/install`);
      const days = owner.getByLabel('Raw events, visits and profile hits (days)');
      await expect(days).toHaveAttribute('placeholder', 'default: 395');
      await expect(
        owner.getByText('Kept now: raw events 395 days, aggregates 25 months.'),
      ).toBeVisible();
      await days.fill('1');
      await owner.getByLabel('Aggregates: charts and totals (months)').fill('1');
      await owner.getByRole('button', { name: 'Save' }).click();
      await expect(owner.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
      await expect(
        owner.getByText('Kept now: raw events 1 day, aggregates 1 month.'),
      ).toBeVisible();
      const saved = await get<{ retention?: unknown }>(`${stack.webUrl}/api/sites/${key}`);
      expect(saved.retention).toEqual({ eventsDays: 1, aggregatesMonths: 1 });
      // Out of range: refused, with the reason.
      const refused = await owner.request.put(`${stack.webUrl}/api/sites/${key}`, {
        data: { name: 'Retention Check', origins: ['*'], retention: { eventsDays: -1 } },
        headers: { origin: stack.webUrl },
      });
      expect(refused.status()).toBe(400);

      // Two days on, the site's events are past its one day; today's windows are within a month.
      const deleted = await stack.sweepRetention(2 * 86_400_000);
      expect(deleted.events).toBeGreaterThanOrEqual(3);
      expect(await eventsOf(key)).toBe(0);
      expect(await visitsOf(key)).toBe(0);
      expect(await pageviews()).toBe(3);
      // The other site keeps the default, 395 days.
      expect(await eventsOf(other)).toBe(3);
      expect(await visitsOf(other)).toBe(3);
    });

    test('an owner writes an alert rule, a visit fires it, the banner shows it, the owner resolves it', async ({
      browser,
      stack,
    }) => {
      // The team's webhook, on this machine: "send a test" must reach it, signed.
      const secret = 'whsec_browser_test_0123456789';
      const hooked: { verified: boolean; type: string }[] = [];
      const hook = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          const header = request.headers[SIGNATURE_HEADER];
          hooked.push({
            verified: verifyWebhookSignature({
              secret,
              header: typeof header === 'string' ? header : undefined,
              body,
            }),
            type: (JSON.parse(body) as { type: string }).type,
          });
          response.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
      const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks/team-token`;

      const owner = await signIn(browser, stack, OWNER);
      // A rule naming a channel that does not exist is refused, with the path of the name.
      const ghost = await owner.request.put(
        `${stack.webUrl}/api/sites/${siteKey}/alert-rules/ghost`,
        {
          data: {
            name: 'Errors per minute',
            metric: 'js_errors',
            windowMinutes: 1,
            condition: { kind: 'above', threshold: 5 },
            channels: ['no-such-channel'],
          },
          headers: { origin: stack.webUrl },
        },
      );
      expect(ghost.status()).toBe(400);
      expect(((await ghost.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe(
        'channels.0',
      );
      // A webhook to the cloud metadata service (or any address not public) is refused.
      for (const url of [
        'http://169.254.169.254/latest/meta-data/',
        'http://[::ffff:a9fe:a9fe]/',
      ]) {
        const metadata = await owner.request.put(`${stack.webUrl}/api/channels/metadata`, {
          data: { name: 'Metadata', type: 'webhook', url, secret: 'a-secret-of-16-chars+' },
          headers: { origin: stack.webUrl },
        });
        expect(metadata.status(), url).toBe(400);
        expect(((await metadata.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe(
          'url',
        );
      }
      await owner.goto(`/sites/${siteKey}/alerts`);
      await expect(owner.getByTestId('alert-rules')).toContainText('No alert rules yet');
      await owner.getByLabel('Channel id').fill('team-hook');
      await owner.getByLabel('Channel name').fill('Team webhook');
      await owner.getByLabel('Webhook URL').fill(hookUrl);
      await owner.getByLabel('Secret').fill(secret);
      await owner.getByRole('button', { name: 'Add the channel' }).click();
      const channels = owner.getByTestId('channels');
      await expect(channels).toContainText('Team webhook');
      // Neither the secret nor the address's token comes back.
      await expect(channels).toContainText(`webhook to http://127.0.0.1:`);
      const listed = JSON.stringify(
        await (await owner.request.get(`${stack.webUrl}/api/channels`)).json(),
      );
      expect(listed).not.toContain(secret);
      expect(listed).not.toContain('team-token');
      await channels.getByRole('button', { name: 'Send a test' }).click();
      await expect(owner.getByTestId('test-outcome')).toContainText('Delivered (204)');
      expect(hooked).toEqual([{ verified: true, type: 'alert.test' }]);

      await owner.getByRole('link', { name: 'New rule' }).click();
      await owner.waitForURL(/\/alerts\/new$/);
      await owner.getByLabel('Id', { exact: true }).fill('alert-page-views');
      await owner.getByLabel('Name').fill('Views of the alert page');
      await owner.getByLabel('Metric').selectOption('pageviews');
      await owner.getByLabel('Path').fill('/alert-page.html');
      await owner.getByLabel('Threshold', { exact: true }).fill('-1');
      await owner.getByLabel('Cooldown (minutes)').fill('0');
      await owner.getByLabel('Team webhook (webhook)').check();
      await owner.getByRole('button', { name: 'Save the rule' }).click();
      // The contract's own check, shown by field.
      await expect(owner.getByTestId('issues')).toContainText('condition.threshold');
      await owner.getByLabel('Threshold', { exact: true }).fill('0');
      await expect(owner.getByTestId('preview-summary')).toHaveText('Would not have fired.');
      await shot(owner, 'alert-rule-editor');
      await owner.getByRole('button', { name: 'Save the rule' }).click();
      await owner.waitForURL(/\/alerts$/);
      await expect(owner.getByTestId('alert-rules')).toContainText('Views of the alert page');
      await expect(owner.getByTestId('alert-rules')).toContainText('ok');

      stack.page('alert-page.html', siteKey, 'Alert page');
      const visitor = await visit(browser, stack, 'alert-page.html');
      const sentAt = await visitor.sentAt;
      // Fired at the first evaluation after the visit's 10-second window, seen live.
      const banner = owner.getByTestId('alert-banner');
      await expect(banner).toContainText('1 alert firing', { timeout: 30_000 });
      await expect(banner).toContainText('Views of the alert page');
      const firedAfter = Date.now() - sentAt;
      test
        .info()
        .annotations.push({ type: 'visit to banner (ms)', description: String(firedAfter) });
      await expect(owner.getByTestId('alert-rules')).toContainText('firing since');
      const history = owner.getByTestId('alert-history');
      await expect(history).toContainText('Views of the alert page');
      await expect(history).toContainText('page views 1');
      await expect
        .poll(() => hooked.map((h) => h.type), { timeout: 20_000 })
        .toContain('alert.firing');
      expect(hooked.every((h) => h.verified)).toBe(true);
      // The delivery log, once the store has it searchable.
      const deliveriesOf = async () => {
        const [alert] = (await (
          await owner.request.get(`${stack.webUrl}/api/sites/${siteKey}/alerts`)
        ).json()) as { id: string }[];
        if (!alert) return 0; // not searchable yet
        const url = `${stack.webUrl}/api/sites/${siteKey}/alerts/${alert.id}/deliveries`;
        return ((await (await owner.request.get(url)).json()) as unknown[]).length;
      };
      await expect.poll(deliveriesOf, { timeout: 10_000 }).toBeGreaterThan(0);
      await history.getByRole('button', { name: 'deliveries' }).first().click();
      await expect(owner.getByTestId('deliveries')).toContainText(
        'firing → team-hook #1: sent (204)',
      );
      await shot(owner, 'alerts');

      // The banner follows the owner to the other pages of the site.
      await owner.goto(`/sites/${siteKey}`);
      await expect(owner.getByTestId('alert-banner')).toContainText('Views of the alert page');
      await owner.goto(`/sites/${siteKey}/alerts`);
      await history.getByRole('button', { name: 'Resolve' }).click();
      await expect(history).toContainText('(by hand)');
      await expect(owner.getByTestId('alert-banner')).toHaveCount(0);
      // The preview replays the stored windows: the visit is there.
      await owner.goto(`/sites/${siteKey}/alerts/alert-page-views`);
      await expect(owner.getByTestId('preview-summary')).toHaveText('Would have fired 1 time.', {
        timeout: 15_000,
      });
      await visitor.close();
      hook.closeAllConnections();
      await new Promise((resolve) => hook.close(resolve));
    });

    test('every answer forbids framing and sniffing, runs only its own scripts, and sends no full URL to other sites', async ({
      browser,
      playwright,
      stack,
    }) => {
      const client = await playwright.request.newContext({ baseURL: stack.webUrl });
      for (const path of ['/login', '/api/me', '/api/nope']) {
        const headers = (await client.get(path)).headers();
        expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
        expect(headers['x-frame-options'], path).toBe('DENY');
        expect(headers['x-content-type-options'], path).toBe('nosniff');
        expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
        expect(headers['content-security-policy'], path).toMatch(
          /script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'(;|$)/,
        );
      }
      // A nonce per answer, and every inline script of a page carries its answer's.
      const nonceOf = (policy: string) => /'nonce-([^']+)'/.exec(policy)![1]!;
      const first = await client.get('/login');
      const second = await client.get('/login');
      const nonce = nonceOf(first.headers()['content-security-policy']!);
      expect(nonceOf(second.headers()['content-security-policy']!)).not.toBe(nonce);
      const scripts = [...(await first.text()).matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
      expect(scripts.length).toBeGreaterThan(0);
      for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
      await client.dispose();
      // The pages work under it: nothing is refused while one loads and signs in.
      const context = await browser.newContext({ baseURL: stack.webUrl });
      const page = await context.newPage();
      const refused: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
      });
      await page.goto('/login');
      await page.getByLabel('E-mail').fill(OWNER.email);
      await page.getByLabel('Password').fill(OWNER.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.goto(`/sites/${siteKey}`);
      await expect(page.getByRole('heading').first()).toBeVisible();
      expect(refused).toEqual([]);
      await context.close();
    });

    test('after signing in, the app goes back only to its own pages', async ({
      browser,
      stack,
    }) => {
      for (const next of ['/%5Cevil.example/', '/%09/evil.example/', '//evil.example/']) {
        const context = await browser.newContext({ baseURL: stack.webUrl });
        const page = await context.newPage();
        await page.goto(`/login?next=${next}`);
        await page.getByLabel('E-mail').fill(OWNER.email);
        await page.getByLabel('Password').fill(OWNER.password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL((url) => url.pathname === '/');
        expect(new URL(page.url()).origin, next).toBe(new URL(stack.webUrl).origin);
        await context.close();
      }
      // A page of the app is kept.
      const owner = await signIn(browser, stack, OWNER);
      await owner.goto('/login?next=%2Fsettings%3Fx%3D1');
      await owner.getByLabel('E-mail').fill(OWNER.email);
      await owner.getByLabel('Password').fill(OWNER.password);
      await owner.getByRole('button', { name: 'Sign in' }).click();
      await owner.waitForURL((url) => url.pathname === '/settings' && url.search === '?x=1');
    });

    test('sign-in refuses a wrong password and throttles guessing', async ({
      playwright,
      stack,
    }) => {
      const client = await playwright.request.newContext({ baseURL: stack.webUrl });
      // A hundred attempts at once on one account, the right password among them: the limit
      // holds (five go through to the password check, whatever their order).
      const burst = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          client.post('/api/login', {
            data: { email: VIEWER.email, password: i === 50 ? VIEWER.password : `wrong ${i}` },
            headers: { origin: stack.webUrl },
          }),
        ),
      );
      const statuses = burst.map((r) => r.status());
      expect(statuses.filter((s) => s !== 429)).toHaveLength(5);
      const attempt = (password: string) =>
        client.post('/api/login', {
          data: { email: OWNER.email, password },
          headers: { origin: stack.webUrl },
        });
      for (let i = 0; i < 5; i++) expect((await attempt(`wrong ${i}`)).status()).toBe(401);
      const blocked = await attempt(OWNER.password);
      expect(blocked.status()).toBe(429);
      expect(Number(blocked.headers()['retry-after'])).toBeGreaterThan(0);
      await client.dispose();
    });
  });
}
