import type { Ctx } from '../context.js';
import { doc, listen, win } from '../dom.js';

/** The URL without a plain anchor: hash routes (`#/…`, `#!…`) are pages, `#section` is not. */
const pageOf = (url: string) => url.replace(/#(?![/!]).*/, '');

/** SPA navigations through the history API or hash routes: calls `navigate` with the previous URL. */
export function captureNavigations(navigate: (previousUrl: string) => void): void {
  let current = location.href;
  const changed = () => {
    const previous = current;
    current = location.href;
    if (pageOf(current) !== pageOf(previous)) navigate(previous);
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method].bind(history);
    history[method] = (...args: Parameters<History['pushState']>) => {
      original(...args);
      changed();
    };
  }
  // Going to an anchor or a hash route fires popstate too (before hashchange), in every browser the
  // target (ES2020) covers.
  listen('popstate', changed, win);
}

/** The page view waiting for its frame, if any. */
let pending: (() => void) | undefined;

/**
 * Sends at once the page view still waiting for its frame: the page is being left (a visitor
 * may leave before the first frame, or a background tab may never draw one), or another page
 * view starts.
 */
export const sendPageView = (): void => pending?.();

/**
 * A page view, with the facts sent once per page (title, language, UTC offset, screen), sent
 * once the browser has laid the page out for its own next frame: reading the viewport before
 * that forces a synchronous layout of the whole page (15–30 ms on a cold load).
 */
export const pageView = (ctx: Ctx, spa?: boolean, first?: boolean): void => {
  pending = () => {
    pending = undefined;
    ctx._emit('pageview', {
      title: doc.title,
      lang: navigator.language,
      // The UTC offset ("GMT+0100"): Intl would give the zone's name, but its first use costs
      // 15–40 ms of the page's main thread; Date costs a tenth of a millisecond.
      tz: /GMT[+-]\d+/.exec(String(new Date()))?.[0],
      screen: `${screen.width}x${screen.height}`,
      viewport: `${innerWidth}x${innerHeight}`,
      spa,
      first,
    });
  };
  // A newer page view may be pending by then (two in one frame): it goes a little early.
  (doc.hidden ? setTimeout : requestAnimationFrame)(() => setTimeout(sendPageView));
};
