import type { CollectedEvent, CollectedEventOf, EventType } from '@sightline/contract';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

type Find = () => CollectedEvent[];
const ofType =
  <T extends EventType>(events: Find, type: T) =>
  () =>
    events().filter((event): event is CollectedEventOf<T> => event.type === type);

/** Waits until events of `type` matching `match` arrived, and returns them. */
async function arrived<T extends EventType>(
  events: Find,
  type: T,
  match: (event: CollectedEventOf<T>) => boolean = () => true,
  count = 1,
): Promise<CollectedEventOf<T>[]> {
  await expect
    .poll(() => ofType(events, type)().filter(match).length)
    .toBeGreaterThanOrEqual(count);
  return ofType(events, type)().filter(match);
}

async function open(page: Page, url: string) {
  await page.goto(url);
  await page.waitForFunction(
    () => typeof (window as unknown as { sightline?: { v?: number } }).sightline?.v === 'number',
  );
}

test.describe('the tracker in Chromium', () => {
  test('sends a page view with the page facts, flagged as a first visit once', async ({
    page,
    stack,
    visitorEvents,
  }) => {
    await open(page, `${stack.siteUrl}/`);
    const events = await visitorEvents(page);
    const [view] = await arrived(events, 'pageview');
    expect(view).toMatchObject({
      site: 'e2e',
      url: `${stack.siteUrl}/`,
      path: '/',
      title: 'Sightline test shop',
      lang: 'en-US',
      screen: expect.stringMatching(/^\d+x\d+$/),
      viewport: '1280x720',
      first: true,
      bot: false,
      browser: 'Chrome',
      device: 'desktop',
      channel: 'direct',
      personalisation: true,
    });
    expect(view!.tz).toBeTruthy();
    await open(page, `${stack.siteUrl}/page2.html`);
    const [second] = await arrived(events, 'pageview', (e) => e.path === '/page2.html');
    expect(second!.first).toBeFalsy();
    expect(second!.session).toBe(view!.session);
  });

  test('captures clicks with position, page size and a description of the element', async ({
    page,
    stack,
    visitorEvents,
  }) => {
    await open(page, `${stack.siteUrl}/`);
    await page.click('#buy b');
    const events = await visitorEvents(page);
    const [click] = await arrived(events, 'click', (e) => e.elementId === 'buy');
    const box = (await page.locator('#buy').boundingBox())!;
    expect(click).toMatchObject({
      tag: 'button',
      elementId: 'buy',
      classes: 'btn btn-primary',
      text: 'Buy now',
      selector: '#buy',
      pageWidth: 1280,
    });
    expect(click!.x).toBeGreaterThanOrEqual(Math.floor(box.x));
    expect(click!.x).toBeLessThanOrEqual(Math.ceil(box.x + box.width));
    expect(click!.pageHeight).toBeGreaterThan(5_000);
  });

  test('captures a click on every kind of input, and reads no typed value', async ({
    page,
    stack,
    visitorEvents,
  }) => {
    await open(page, `${stack.siteUrl}/`);
    await page.fill('#email', 'someone@example.org');
    await page.click('#email');
    await page.click('#password');
    await page.evaluate(() =>
      document.querySelector('form')?.addEventListener('submit', (e) => e.preventDefault()),
    );
    await page.click('#subscribe');
    const events = await visitorEvents(page);
    const clicks = await arrived(events, 'click', (e) => e.tag === 'input', 3);
    const on = (id: string) => clicks.find((click) => click.elementId === id);
    expect(clicks.map((click) => click.elementId).sort()).toEqual([
      'email',
      'password',
      'subscribe',
    ]);
    expect(on('email')).not.toHaveProperty('text');
    expect(on('password')).not.toHaveProperty('text');
    expect(on('subscribe')).toMatchObject({ text: 'Subscribe' });
    expect(JSON.stringify(clicks)).not.toContain('someone@example.org');
  });

  test('takes no text from what a visitor types or picks, and no secret from an address', async ({
    page,
    stack,
    visitorEvents,
  }) => {
    // A sign-in link of the kind e-mails carry: the address and the token must not be stored.
    await open(page, `${stack.siteUrl}/?email=ann.lee%40mail.example&token=s3cr3t-t0k3n&ref=news`);
    await page.evaluate(() => {
      const form = document.createElement('div');
      form.id = 'fields';
      form.innerHTML = `
        <div id="editor" contenteditable="true">draft</div>
        <textarea id="note">prefilled private note</textarea>
        <select id="pick"><option>first secret option</option><option>second secret option</option></select>
        <a id="mail" href="/unsubscribe?mail=ann.lee@mail.example&list=7">Unsubscribe</a>`;
      document.body.prepend(form);
    });
    await page.click('#editor');
    await page.keyboard.type(' my diary entry');
    await page.click('#editor');
    await page.click('#note');
    await page.click('#pick');
    await page.keyboard.press('Escape');
    await page.evaluate(() =>
      document.querySelector('#mail')?.addEventListener('click', (e) => e.preventDefault()),
    );
    await page.click('#mail');
    const events = await visitorEvents(page);
    const clicks = await arrived(
      events,
      'click',
      (e) => ['editor', 'note', 'pick', 'mail'].includes(e.elementId ?? ''),
      5,
    );
    for (const click of clicks.filter((c) => c.elementId !== 'mail'))
      expect(click, click.elementId).not.toHaveProperty('text');
    const [view] = await arrived(events, 'pageview');
    expect(view!.url).toBe(`${stack.siteUrl}/?email=redacted&token=redacted&ref=news`);
    const mail = clicks.find((c) => c.elementId === 'mail')!;
    expect(mail).toMatchObject({
      text: 'Unsubscribe',
      href: `${stack.siteUrl}/unsubscribe?mail=redacted&list=7`,
    });
    const stored = JSON.stringify(events());
    for (const secret of ['diary', 'prefilled', 'secret option', 'ann.lee', 's3cr3t'])
      expect(stored).not.toContain(secret);
  });

  test('recognises outbound links, downloads and no-code goals', async ({
    page,
    stack,
    visitorEvents,
  }) => {
    await open(page, `${stack.siteUrl}/`);
    // Keep the page: the links would navigate away.
    await page.route('https://example.org/**', (route) => route.fulfill({ body: 'partner' }));
    await page.evaluate(() =>
      document
        .querySelectorAll('a')
        .forEach((a) => a.addEventListener('click', (e) => e.preventDefault())),
    );
    await page.click('#outbound');
    await page.click('#download');
    await page.click('#signup');
    const events = await visitorEvents(page);
    expect((await arrived(events, 'outbound'))[0]).toMatchObject({
      href: 'https://example.org/partner',
      text: 'Partner',
    });
    expect((await arrived(events, 'download'))[0]).toMatchObject({
      href: `${stack.siteUrl}/files/catalogue.pdf`,
      extension: 'pdf',
    });
    expect((await arrived(events, 'custom'))[0]).toMatchObject({
      name: 'signup',
      props: { plan: 'pro' },
    });
  });

  test('reports form submissions without any field value', async ({
    page,
    stack,
    visitorEvents,
  }) => {
    await open(page, `${stack.siteUrl}/`);
    await page.fill('#email', 'someone@private.example');
    await page.fill('#password', 'hunter2-secret');
    await page.click('#subscribe');
    const events = await visitorEvents(page);
    const [submit] = await arrived(events, 'form_submit');
    expect(submit).toMatchObject({
      formId: 'newsletter',
      formName: 'newsletter',
      formAction: `${stack.siteUrl}/subscribe`,
      fields: 3,
    });
    // Nothing typed ever left the page, in any event.
    await page.evaluate(() =>
      (window as unknown as { sightline: (c: string) => void }).sightline('flush'),
    );
    await page.waitForTimeout(1_500);
    const everything = JSON.stringify(events());
    expect(everything).not.toContain('someone@private.example');
    expect(everything).not.toContain('hunter2-secret');
  });

  test('records JavaScript errors and unhandled rejections', async ({
    page,
    stack,
    visitorEvents,
  }) => {
    await open(page, `${stack.siteUrl}/`);
    await page.click('#throw');
    await page.click('#reject');
    const events = await visitorEvents(page);
    const errors = await arrived(events, 'js_error', () => true, 2);
    expect(errors.map((e) => e.message).sort()).toEqual([
      'Uncaught Error: boom from the test',
      'rejected in the test',
    ]);
    expect(errors.find((e) => e.message.includes('boom'))).toMatchObject({
      source: `${stack.siteUrl}/`,
      line: expect.any(Number),
    });
    expect(errors.every((e) => e.stack?.includes('Error'))).toBe(true);
  });

  test('follows SPA navigations through the history API and hash routes, not anchors', async ({
    page,
    stack,
    visitorEvents,
  }) => {
    await open(page, `${stack.siteUrl}/spa.html`);
    await page.click('#push');
    await page.click('#replace-same');
    await page.click('#anchor');
    await page.click('#hash-route');
    const events = await visitorEvents(page);
    const views = await arrived(events, 'pageview', () => true, 3);
    await page.waitForTimeout(1_500);
    expect(ofType(events, 'pageview')().map((e) => [e.path, e.spa ?? false])).toEqual([
      ['/spa.html', false],
      ['/app/orders', true],
      ['/app/orders', true],
    ]);
    expect(views[1]!.referrer).toBe(`${stack.siteUrl}/spa.html`);
    expect(views[2]!.url).toBe(`${stack.siteUrl}/app/orders#/settings`);
    expect(views[2]!.referrer).toBe(`${stack.siteUrl}/app/orders#section`);
    expect(new Set(views.map((v) => v.page)).size).toBe(3);
  });

  test('measures scroll depth with milestones and direction reversals', async ({
    page,
    stack,
    visitorEvents,
  }) => {
    await open(page, `${stack.siteUrl}/`);
    await page.waitForFunction(() => document.querySelector('script[src$="sightline-live.js"]'));
    await page.waitForTimeout(300);
    await page.mouse.wheel(0, 2_000);
    await page.waitForTimeout(300);
    await page.mouse.wheel(0, 4_000);
    await page.waitForTimeout(300);
    await page.mouse.wheel(0, -1_500);
    const events = await visitorEvents(page);
    const scrolls = await arrived(events, 'scroll', (e) => (e.reversals ?? 0) >= 1);
    expect(scrolls[0]).toMatchObject({ direction: 'up', reversals: 1 });
    const milestones = ofType(events, 'scroll')().flatMap((e) =>
      e.milestone ? [e.milestone] : [],
    );
    expect(milestones.length).toBeGreaterThan(0);
    expect(milestones).toEqual([...milestones].sort((a, b) => a - b));
    expect(Math.max(...ofType(events, 'scroll')().map((e) => e.depth))).toBeGreaterThanOrEqual(75);
  });

  test('samples cursor movement into batched points', async ({ page, stack, visitorEvents }) => {
    await open(page, `${stack.siteUrl}/`);
    await page.waitForFunction(() => document.querySelector('script[src$="sightline-live.js"]'));
    await page.waitForTimeout(300);
    for (let i = 0; i < 30; i++) {
      await page.mouse.move(100 + i * 20, 100 + i * 5);
      await page.waitForTimeout(40);
    }
    const events = await visitorEvents(page);
    await page.goto('about:blank');
    const [cursor] = await arrived(events, 'cursor');
    expect(cursor!.points.length).toBeGreaterThan(3);
    // Sampled at most every 100 ms, offsets increasing.
    const offsets = cursor!.points.map((point) => point[2]);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(cursor!.points.length).toBeLessThan(30);
  });

  test('reports audio and video play, pause and completion', async ({
    page,
    stack,
    visitorEvents,
  }) => {
    await open(page, `${stack.siteUrl}/`);
    await page.waitForFunction(() => document.querySelector('script[src$="sightline-live.js"]'));
    await page.waitForTimeout(500);
    await page.evaluate(async () => {
      const audio = document.getElementById('tone') as HTMLAudioElement;
      await audio.play();
      await new Promise((r) => setTimeout(r, 200));
      audio.pause();
      const video = document.getElementById('clip') as HTMLVideoElement;
      await video.play();
      await new Promise((r) => video.addEventListener('ended', r, { once: true }));
    });
    const events = await visitorEvents(page);
    const [play] = await arrived(events, 'media_play', (e) => e.kind === 'audio');
    expect(play).toMatchObject({
      mediaId: 'tone',
      src: `${stack.siteUrl}/media/tone.wav`,
      position: 0,
    });
    expect(
      (await arrived(events, 'media_pause', (e) => e.kind === 'audio'))[0]!.position,
    ).toBeGreaterThan(0);
    const [complete] = await arrived(events, 'media_complete', (e) => e.kind === 'video');
    expect(complete).toMatchObject({ mediaId: 'clip', duration: 1 });
    // The end of the video is a completion, not also a pause.
    expect(ofType(events, 'media_pause')().filter((e) => e.kind === 'video')).toEqual([]);
  });

  test('reports each image once per page view when it comes into view, ignoring pixels', async ({
    page,
    stack,
    visitorEvents,
  }) => {
    await open(page, `${stack.siteUrl}/`);
    await page.waitForFunction(() => document.querySelector('script[src$="sightline-live.js"]'));
    await page.waitForTimeout(300);
    const events = await visitorEvents(page);
    await page.waitForTimeout(500);
    expect(ofType(events, 'image_view')()).toEqual([]);
    await page.locator('#hero').scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, -300);
    await page.locator('#hero').scrollIntoViewIfNeeded();
    const [view] = await arrived(events, 'image_view');
    expect(view).toMatchObject({
      src: `${stack.siteUrl}/img/hero.svg`,
      alt: 'A hero image',
      elementId: 'hero',
      width: 300,
      height: 200,
    });
    await page.waitForTimeout(1_500);
    expect(ofType(events, 'image_view')()).toHaveLength(1);
  });

  test('sends heartbeats with visible and active time, and a last one when the page is left', async ({
    page,
    stack,
    visitorEvents,
  }) => {
    await open(page, `${stack.siteUrl}/`);
    await page.waitForFunction(() => document.querySelector('script[src$="sightline-live.js"]'));
    for (let i = 0; i < 10; i++) {
      await page.mouse.move(200 + i * 10, 200);
      await page.waitForTimeout(200);
    }
    const events = await visitorEvents(page);
    await page.goto(`${stack.siteUrl}/page2.html`);
    const [beat] = await arrived(events, 'heartbeat');
    expect(beat!.path).toBe('/');
    expect(beat!.visibleMs).toBeGreaterThan(1_000);
    expect(beat!.activeMs).toBeGreaterThan(1_000);
    expect(beat!.activeMs).toBeLessThanOrEqual(beat!.visibleMs);
  });
});
