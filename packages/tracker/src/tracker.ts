import { captureClicks } from './capture/click.js';
import { captureForms } from './capture/form.js';
import { captureErrors } from './capture/js-error.js';
import { captureNavigations, pageView, sendPageView } from './capture/page-view.js';
import type { Ctx, Live, LiveCtx } from './context.js';
import { uuid } from './core/ids.js';
import { createIdentity } from './core/identity.js';
import { properties } from './core/properties.js';
import { createSender, type WireEvent } from './core/sender.js';
import { createStore } from './core/store.js';
import { doc, listen, now, win } from './dom.js';
import { bound } from './limits.js';
import type { Socket } from './live/socket.js';

/** Options, in the same shape as the script tag's data attributes (`data-require-consent` …). */
export interface TrackerOptions {
  /** The site key from the admin app. */
  site: string;
  /** Where ingest answers, e.g. "https://stats.example.com" (script tag: the script's origin). */
  endpoint: string;
  /** "none": keep nothing in the browser (cookieless); ingest derives a daily visitor id. */
  storage?: 'local' | 'none';
  /** Send nothing for visitors with Do-Not-Track or Global Privacy Control on. */
  respectDnt?: boolean | string;
  /** Hold events until `sightline('consent', { analytics: true })`. */
  requireConsent?: boolean | string;
  /** false: no WebSocket and no assistant (HTTP only). */
  socket?: boolean | string;
  /** Continuous sensors to leave out, comma-separated: scroll,heartbeat,cursor,media,image. */
  exclude?: string;
}

export type Command = (command: string, ...args: unknown[]) => void;

/** "true", "", true → on; "false", false, absent → off. */
const on = (value: unknown) => value != null && `${value as string}` !== 'false';

/** Starts tracking the page and returns the command function (`sightline(...)`). */
export function createTracker(o: TrackerOptions): Command {
  const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
  if (on(o.respectDnt) && (nav.doNotTrack === '1' || nav.globalPrivacyControl))
    return () => undefined;

  const cookieless = o.storage === 'none';
  // "a": analytics, "p": personalisation (the assistant); unset until the visitor chooses.
  let consent: string | null | undefined;
  const analytics = () => consent?.includes('a');
  const store = createStore(() => !cookieless && analytics());
  consent = on(o.requireConsent) ? store._get('sl_c') : 'ap';
  const identity = createIdentity(store);
  let held: WireEvent[] | undefined = [];
  let socket: Socket | undefined;
  const batch = () => ({
    site: o.site,
    cookieless: cookieless || undefined,
    personalisation: !!consent?.includes('p'),
  });
  const sender = createSender(
    `${o.endpoint}/api/collect`,
    store,
    batch,
    (events) => socket?._send(batch(), events),
    () => socket?._live(),
  );

  let page = uuid();
  // This tab's id, kept in its session storage (once storing is allowed): a tab's next page view
  // ends the one before, whatever other tabs of the site do.
  let tab: string | undefined;
  const tabId = () => {
    try {
      const tabs = sessionStorage as Storage & { sl_t?: string };
      return (tab ||= tabs.sl_t || (!cookieless && analytics() ? (tabs.sl_t = uuid()) : tab));
    } catch {
      // refused (sandboxed frame, privacy mode): events go without a tab
    }
  };
  let seq = 0;
  let url = location.href;
  let referrer = doc.referrer;
  const pageHooks: (() => void)[] = [];
  const hideHooks: (() => void)[] = [];

  const emit = (type: string, data?: object) => {
    const ts = now();
    const event = bound({
      id: uuid(),
      type,
      visitor: identity._visitor,
      session: identity._session(ts),
      page,
      tab: tabId(),
      ts,
      seq: seq++,
      url,
      referrer,
      ...data,
    });
    if (analytics()) sender._push(event);
    else if (consent == null && held && held.length < 100) held.push(event);
  };
  const ctx: Ctx = {
    _emit: emit,
    _onPage: (hook) => pageHooks.push(hook),
    _onHide: (hook) => hideHooks.push(hook),
    _off: (name) => o.exclude?.includes(name),
  };

  captureClicks(ctx);
  captureForms(ctx);
  captureErrors(ctx);
  pageView(ctx, undefined, identity._first);
  captureNavigations((previous) => {
    // The previous page's last events (heartbeat, cursor…) leave under its own page id and URL.
    sendPageView();
    pageHooks.forEach((hook) => hook());
    page = uuid();
    seq = 0;
    url = location.href;
    referrer = previous;
    pageView(ctx, true);
  });

  // Leaving fires both "pagehide" and "visibilitychange": the last events go out once.
  let hidden = false;
  const hide = () => {
    if (hidden) return;
    hidden = true;
    sendPageView();
    hideHooks.forEach((hook) => hook());
    socket?._close();
    sender._flush(true);
  };
  const show = () => {
    hidden = false;
    if (analytics()) socket?._open();
  };
  listen('pagehide', hide, win);
  listen('visibilitychange', () => (doc.hidden ? hide() : show()));
  // Back from the back/forward cache: the socket was closed on the way in.
  listen('pageshow', (event) => (event as PageTransitionEvent).persisted && show(), win);

  // The live script comes once the page's own loading is done, and at once then: its socket
  // carries the assistant's message for this page view.
  const loadLive = () =>
    doc.head.append(
      Object.assign(doc.createElement('script'), { src: `${o.endpoint}/sightline-live.js` }),
    );
  if (doc.readyState === 'complete') loadLive();
  else listen('load', loadLive, win);

  return (command, a, b) => {
    if (command === 'event') emit('custom', { name: a, props: properties(b) });
    else if (command === 'identify') emit('identify', { userId: a, traits: properties(b) });
    else if (command === 'pageview') pageView(ctx, true);
    else if (command === 'flush') sender._flush();
    else if (command === 'consent') {
      const choice = a as { analytics?: boolean; personalisation?: boolean };
      consent = (choice.analytics ? 'a' : '') + (choice.personalisation ? 'p' : '');
      store._set('sl_c', consent);
      // With analytics consent: the ids are kept from now on, what was held goes out, and the
      // socket may open. Without it, what was held is dropped.
      if (analytics()) {
        store._set('sl_v', identity._visitor);
        held?.forEach(sender._push);
        socket?._open();
      }
      held = undefined;
    } else if (command === 'live') {
      const live: LiveCtx = {
        ...ctx,
        _url: on(o.socket ?? 1)
          ? // Site keys and ids are [A-Za-z0-9_-] by contract: nothing to encode.
            () =>
              `${o.endpoint.replace(/^http/, 'ws')}/ws?site=${o.site}&visitor=${identity._visitor}&page=${page}`
          : undefined,
        _push: (message) =>
          dispatchEvent(new CustomEvent(`sightline:${message.t}`, { detail: message })),
        _undelivered: sender._retry,
      };
      socket = (a as Live)(live);
      if (analytics()) socket?._open();
      // Any other command is an event of that type: view_item, add_to_cart, begin_checkout,
      // purchase… (ingest refuses, and says so, for a type the contract does not know).
    } else emit(command, a as object);
  };
}
