import type { Ctx } from '../../context.js';
import { listen, now, round } from '../../dom.js';

/** Cursor movement: one point per 100 ms at most, sent as one event per 5 s (or per 60 points). */
export function captureCursor(ctx: Ctx): void {
  let points: number[][] = [];
  let start = 0;
  let last = 0;
  const send = () => {
    if (points[0]) ctx._emit('cursor', { points, ts: start });
    points = [];
  };
  ctx._onPage(send);
  ctx._onHide(send);
  listen('mousemove', (event) => {
    const t = now();
    if (t - last > 99) {
      if (!points[0]) start = t;
      last = t;
      points.push([
        round((event as MouseEvent).pageX),
        round((event as MouseEvent).pageY),
        t - start,
      ]);
      if (points.length >= SL_LIMITS.cursorPoints || t - start > 5_000) send();
    }
  });
}
