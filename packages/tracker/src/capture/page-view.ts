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
  for (const type of ['popstate', 'hashchange']) listen(type, changed, win);
}

/** A page view, with the facts sent once per page (title, language, time zone, screen). */
export const pageView = (ctx: Ctx, spa?: boolean, first?: boolean): void =>
  ctx._emit('pageview', {
    title: doc.title,
    lang: navigator.language,
    tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
    screen: `${screen.width}x${screen.height}`,
    viewport: `${innerWidth}x${innerHeight}`,
    spa,
    first,
  });
