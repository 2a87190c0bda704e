import { randomUUID } from 'node:crypto';
import type { CollectedEvent, CollectedEventOf } from '@sightline/contract';
import type { Page, Request } from '@playwright/test';
import { DESKTOP_UA } from '../../../test/site/user-agent.js';
import { expect, test } from './fixtures.js';

async function open(page: Page, url: string) {
  await page.goto(url);
  await page.waitForFunction(
    () => typeof (window as unknown as { sightline?: { v?: number } }).sightline?.v === 'number',
  );
}

/**
 * Opens a page whose frame callbacks never run: a visitor who leaves before the browser draws
 * the page.
 */
async function openWithoutFrames(page: Page, url: string) {
  await page.addInitScript(() => {
    window.requestAnimationFrame = () => 0;
  });
  await open(page, url);
}

const collectBodies = (page: Page) => {
  const bodies: { events: { type: string }[] }[] = [];
  page.on('request', (request: Request) => {
    if (request.url().endsWith('/api/collect') && request.method() === 'POST') {
      bodies.push(JSON.parse(request.postData() ?? '{}') as { events: { type: string }[] });
    }
  });
  return bodies;
};

test.describe('tracker transport', () => {
  test('batches events into one request', async ({ page, stack }) => {
    const bodies = collectBodies(page);
    await open(page, `${stack.siteUrl}/no-socket.html`);
    // Five clicks in one task: all queued before any timer can fire.
    await page.evaluate(() => {
      for (let i = 0; i < 5; i++) document.getElementById('go')!.click();
    });
    await expect
      .poll(() => bodies.flatMap((b) => b.events).filter((e) => e.type === 'click').length)
      .toBe(5);
    // One request carries all of them.
    const withClicks = bodies.filter((body) => body.events.some((e) => e.type === 'click'));
    expect(withClicks).toHaveLength(1);
    expect(withClicks[0]!.events.filter((e) => e.type === 'click')).toHaveLength(5);
  });

  test('flushes what is queued when the page is left', async ({ page, stack, visitorEvents }) => {
    await open(page, `${stack.siteUrl}/no-socket.html`);
    const events = await visitorEvents(page);
    await page.waitForTimeout(1_200); // the page view has left
    await page.click('#go');
    // Leave at once: the click is still waiting for its batch, and goes out with the page.
    await page.goto('about:blank');
    await expect.poll(() => events().filter((e) => e.type === 'click').length).toBe(1);
  });

  test('sends the page view of a page left before its first frame', async ({
    page,
    stack,
    visitorEvents,
  }) => {
    await openWithoutFrames(page, `${stack.siteUrl}/no-socket.html`);
    const events = await visitorEvents(page);
    await page.waitForTimeout(300);
    expect(events().filter((e) => e.type === 'pageview')).toEqual([]);
    await page.goto('about:blank');
    await expect
      .poll(() =>
        events()
          .filter((e) => e.type === 'pageview')
          .map((e) => e.path),
      )
      .toEqual(['/no-socket.html']);
  });

  test('sends a page view still waiting for its frame before the next one, under its own URL', async ({
    page,
    stack,
    visitorEvents,
  }) => {
    await openWithoutFrames(page, `${stack.siteUrl}/no-socket.html`);
    const events = await visitorEvents(page);
    await page.evaluate(() => {
      history.pushState(null, '', '/app/a');
      history.pushState(null, '', '/app/b');
    });
    await page.goto('about:blank');
    await expect
      .poll(() =>
        events()
          .filter((e) => e.type === 'pageview')
          .map((e) => [e.path, e.referrer]),
      )
      .toEqual([
        ['/no-socket.html', undefined],
        ['/app/a', `${stack.siteUrl}/no-socket.html`],
        ['/app/b', `${stack.siteUrl}/app/a`],
      ]);
    expect(new Set(events().map((e) => e.page)).size).toBe(3);
  });

  test('retries after a server error, and delivers each event once', async ({
    page,
    stack,
    visitorEvents,
  }) => {
    let refused = 0;
    await page.route('**/api/collect', async (route) => {
      if (refused < 2) {
        refused++;
        return route.fulfill({
          status: 503,
          headers: { 'retry-after': '1' },
          body: '{"error":"bus_unavailable"}',
        });
      }
      return route.continue();
    });
    await open(page, `${stack.siteUrl}/no-socket.html`);
    const events = await visitorEvents(page);
    await page.click('#go');
    await expect
      .poll(() => events().filter((e) => e.type === 'pageview').length, { timeout: 20_000 })
      .toBe(1);
    await expect
      .poll(() => events().filter((e) => e.type === 'click').length, { timeout: 20_000 })
      .toBe(1);
    expect(refused).toBe(2);
  });

  test('keeps events while offline and sends them when the network is back', async ({
    page,
    context,
    stack,
    visitorEvents,
  }) => {
    await open(page, `${stack.siteUrl}/no-socket.html`);
    const events = await visitorEvents(page);
    await expect.poll(() => events().filter((e) => e.type === 'pageview').length).toBe(1);
    await context.setOffline(true);
    for (let i = 0; i < 3; i++) await page.click('#go');
    await page.waitForTimeout(2_500);
    expect(events().filter((e) => e.type === 'click')).toEqual([]);
    await context.setOffline(false);
    await expect
      .poll(() => events().filter((e) => e.type === 'click').length, { timeout: 20_000 })
      .toBe(3);
  });

  test('carries events over the WebSocket once it is open, each batch acknowledged', async ({
    page,
    stack,
    visitorEvents,
  }) => {
    const socketPromise = page.waitForEvent('websocket');
    await open(page, `${stack.siteUrl}/`);
    const socket = await socketPromise;
    const sent: string[] = [];
    const received: string[] = [];
    socket.on('framesent', (frame) => sent.push(String(frame.payload)));
    socket.on('framereceived', (frame) => received.push(String(frame.payload)));
    await page.waitForTimeout(300);
    await page.click('#buy');
    const events = await visitorEvents(page);
    await expect.poll(() => events().filter((e) => e.type === 'click').length).toBe(1);
    expect(
      sent.some((frame) => frame.includes('"t":"batch"') && frame.includes('"type":"click"')),
    ).toBe(true);
    expect(
      received.some((frame) => frame.includes('"t":"ack"') && frame.includes('"status":200')),
    ).toBe(true);
  });

  test('reconnects the WebSocket with backoff, sending over HTTP meanwhile', async ({
    page,
    stack,
    visitorEvents,
  }) => {
    let attempts = 0;
    await page.routeWebSocket(/\/ws\?/, (ws) => {
      attempts++;
      // The first connection is dropped at once; the next ones reach the server.
      if (attempts === 1) return ws.close({ code: 1011, reason: 'test' });
      ws.connectToServer();
    });
    await open(page, `${stack.siteUrl}/`);
    await expect.poll(() => attempts, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await page.click('#buy');
    const events = await visitorEvents(page);
    await expect.poll(() => events().filter((e) => e.type === 'click').length).toBe(1);
  });

  test('shows an assistance message pushed on the assistance topic over the WebSocket', async ({
    page,
    stack,
  }) => {
    const socketPromise = page.waitForEvent('websocket');
    await open(page, `${stack.siteUrl}/`);
    await socketPromise;
    await page.evaluate(() => {
      const w = window as unknown as { assistance: unknown[] };
      w.assistance = [];
      addEventListener('sightline:assistance', (event) =>
        w.assistance.push((event as CustomEvent).detail),
      );
    });
    const visitor = await page.evaluate(() => localStorage.getItem('sl_v'));
    await page.waitForTimeout(500);
    const message = {
      v: 1,
      id: randomUUID(),
      site: 'e2e',
      visitor,
      profileId: 'graduate',
      text: 'Need help choosing a programme?',
      createdAt: Date.now(),
      expiresAt: Date.now() + 60_000,
    };
    await stack.publishAssistance(message);
    await expect
      .poll(() =>
        page.evaluate(
          () => (window as unknown as { assistance: { id: string; text: string }[] }).assistance,
        ),
      )
      .toEqual([{ t: 'assistance', ...message }]);
  });
});

test.describe('privacy', () => {
  test('stores and sends nothing before consent; after it, sends what was held', async ({
    browser,
    stack,
  }) => {
    for (const [choice, granted] of [
      [{ analytics: true, personalisation: false }, true],
      [{ analytics: false, personalisation: true }, false],
    ] as const) {
      const context = await browser.newContext({ userAgent: DESKTOP_UA });
      const page = await context.newPage();
      const bodies = collectBodies(page);
      const sockets: string[] = [];
      page.on('websocket', (socket) => sockets.push(socket.url()));
      const run = randomUUID();
      const mine = () => stack.events.filter((event: CollectedEvent) => event.url.includes(run));
      await open(page, `${stack.siteUrl}/consent.html?run=${run}`);
      await page.click('#go');
      // Long enough for the live script to have come: still no socket, no request, no storage.
      await page.waitForTimeout(2_500);
      expect(bodies).toEqual([]);
      expect(sockets).toEqual([]);
      expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);

      await page.evaluate(
        (c) =>
          (window as unknown as { sightline: (...a: unknown[]) => void }).sightline('consent', c),
        choice,
      );
      await page.click('#go');
      if (granted) {
        // Everything held is released: the page view and both clicks (and the live sensors' events).
        await expect.poll(() => mine().filter((e) => e.type === 'click').length).toBe(2);
        expect(mine().filter((e) => e.type === 'pageview')).toHaveLength(1);
        expect(mine().every((e) => e.personalisation === false)).toBe(true);
        // The visitor id and the choice are kept at once (the session entry follows within 5 s).
        expect(await page.evaluate(() => Object.keys(localStorage))).toEqual(
          expect.arrayContaining(['sl_c', 'sl_v']),
        );
        await expect.poll(() => sockets.length).toBe(1);
      } else {
        await page.waitForTimeout(2_500);
        expect(mine()).toEqual([]);
        expect(bodies).toEqual([]);
        expect(sockets).toEqual([]);
        expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
      }
      await context.close();
    }
  });

  test('sends nothing at all under Global Privacy Control when the site respects it', async ({
    page,
    stack,
  }) => {
    await page.addInitScript(() =>
      Object.defineProperty(navigator, 'globalPrivacyControl', { value: true }),
    );
    const bodies = collectBodies(page);
    await page.goto(`${stack.siteUrl}/gpc.html`);
    await page.click('#go');
    await page.waitForTimeout(2_000);
    expect(bodies).toEqual([]);
  });

  test('keeps nothing in the browser in cookieless mode; ingest derives the visitor', async ({
    page,
    stack,
  }) => {
    const run = randomUUID();
    const mine = () => stack.events.filter((event: CollectedEvent) => event.url.includes(run));
    await open(page, `${stack.siteUrl}/cookieless.html?run=${run}`);
    await page.click('#go');
    await expect.poll(() => mine().length).toBeGreaterThanOrEqual(2);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(new Set(mine().map((e) => e.visitor)).size).toBe(1);
    expect(mine()[0]!.visitor).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

test.describe('the command API', () => {
  test('replays calls made before the script loaded, and sends custom, identify and e-commerce events', async ({
    page,
    stack,
    visitorEvents,
  }) => {
    await open(page, `${stack.siteUrl}/api.html`);
    await page.evaluate(() => {
      const sightline = (window as unknown as { sightline: (...args: unknown[]) => void })
        .sightline;
      sightline('event', 'newsletter_signup', { source: 'footer', nested: { dropped: true } });
      sightline('purchase', {
        orderId: 'order-9',
        value: 42.5,
        currency: 'EUR',
        items: [{ id: 'lamp', quantity: 1, price: 42.5 }],
      });
    });
    const events = await visitorEvents(page);
    // The calls' events (a slow run may add a heartbeat or a scroll, which are not counted).
    const called = new Set(['custom', 'identify', 'purchase']);
    await expect.poll(() => events().filter((e) => called.has(e.type)).length).toBe(4);
    expect(events().find((e) => e.type === 'custom' && e.name === 'early_bird')).toMatchObject({
      props: { position: 1 },
    });
    expect(events().find((e) => e.type === 'identify')).toMatchObject({
      userId: 'user-7',
      traits: { plan: 'pro', seats: 3 },
    });
    const signup = events().find(
      (e): e is CollectedEventOf<'custom'> => e.type === 'custom' && e.name === 'newsletter_signup',
    );
    expect(signup!.props).toEqual({ source: 'footer' });
    expect(events().find((e) => e.type === 'purchase')).toMatchObject({
      orderId: 'order-9',
      value: 42.5,
      currency: 'EUR',
    });
  });
});
