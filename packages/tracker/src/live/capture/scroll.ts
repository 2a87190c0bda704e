import type { Ctx } from '../../context.js';
import { doc, listen, max, min, round, win } from '../../dom.js';

/** How far the page must move back before it counts as a reversal rather than jitter. */
const REVERSAL_PX = 200;

/** Scroll depth per page view: an event at each milestone (25/50/75/100 %) and each reversal. */
export function captureScroll(ctx: Ctx): void {
  let deepest = 0;
  let milestone = 0;
  let reversals = 0;
  let down = true;
  /** The furthest point reached in the current direction. */
  let extreme = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  ctx._onPage(() => {
    deepest = milestone = reversals = extreme = 0;
    down = true;
  });
  const emit = (data?: object) =>
    ctx._emit('scroll', { depth: deepest, direction: down ? 'down' : 'up', reversals, ...data });
  const measure = () => {
    timer = undefined;
    const y = scrollY;
    deepest = max(
      deepest,
      min(100, round(((y + innerHeight) * 100) / doc.documentElement.scrollHeight)),
    );
    if (down ? y < extreme - REVERSAL_PX : y > extreme + REVERSAL_PX) {
      down = !down;
      reversals++;
      emit();
    }
    if (down === y > extreme) extreme = y;
    if (deepest >= milestone + 25) emit({ milestone: (milestone = deepest - (deepest % 25)) });
  };
  // Measured at most every 100 ms, never inside the scroll event itself; only the page's own
  // scrolling counts (on window, so inner scrolling boxes do not trigger it).
  listen('scroll', () => (timer ??= setTimeout(measure, 100)), win);
  // This script arrives after the page loaded: take the depth already reached.
  measure();
}
