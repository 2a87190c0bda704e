/**
 * Short local names for globals the tracker uses often: the bundle refers to each through one
 * minified identifier instead of repeating `document.` or `Date.now` everywhere.
 */
export const doc = document;
export const win = window;
export const now = Date.now;
export const { round, min, max } = Math;

/** A passive listener (the tracker never blocks scrolling or input), on `document` by default. */
export const listen = (
  type: string,
  handler: (event: Event) => void,
  target: EventTarget = doc,
): void => target.addEventListener(type, handler, { capture: true, passive: true });
