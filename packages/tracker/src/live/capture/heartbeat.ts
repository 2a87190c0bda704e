import type { Ctx } from '../../context.js';
import { doc, listen, min, now, round } from '../../dom.js';

/** Inputs closer than this count the time between them as active (reading between scrolls). */
const ACTIVE_GAP_MS = 5_000;
/** A tab left without input stops sending after this long. */
const IDLE_STOP_MS = 30 * 60_000;

/**
 * Heartbeats every 15 s while the page is visible, with the visible and active time since the
 * previous one of the page view — their sums are the page's totals. A last one goes out when the
 * page is hidden or left, or an SPA navigation ends the page view.
 */
export function captureHeartbeats(ctx: Ctx): void {
  // This script arrives after the page loaded: count the visible time from the navigation on
  // (whole milliseconds: the contract's durations are integers).
  let since = round(performance.timeOrigin);
  let shown = !doc.hidden;
  let visible = 0;
  let active = 0;
  let input = now();
  /** Adds the time since the last settle if the page was visible during it. */
  const settle = () => {
    const t = now();
    if (shown) visible += t - since;
    since = t;
    shown = !doc.hidden;
  };
  const beat = () => {
    settle();
    if (visible)
      ctx._emit('heartbeat', {
        visibleMs: min(visible, 3_600_000),
        activeMs: min(active, visible),
      });
    visible = active = 0;
  };
  const touched = () => {
    const t = now();
    if (t - input < ACTIVE_GAP_MS) active += t - input;
    input = t;
  };
  for (const type of ['pointerdown', 'keydown', 'scroll', 'mousemove']) listen(type, touched);
  // Hidden time is not counted: settle whenever visibility changes.
  listen('visibilitychange', settle);
  setInterval(() => now() - input < IDLE_STOP_MS && beat(), 15_000);
  ctx._onPage(beat);
  ctx._onHide(beat);
}
