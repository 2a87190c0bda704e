import type { Ctx } from '../context.js';
import { listen, win } from '../dom.js';

/** Uncaught errors and unhandled rejections; the same error is reported once per page view, ten at most. */
export function captureErrors(ctx: Ctx): void {
  let seen = new Set<unknown>();
  ctx._onPage(() => (seen = new Set()));
  const report = (
    message: unknown,
    error?: Error,
    source?: string,
    line?: number,
    column?: number,
  ) => {
    if (seen.size < 10 && !seen.has(message)) {
      seen.add(message);
      ctx._emit('js_error', {
        message: String(message),
        source,
        line,
        column,
        stack: error?.stack,
      });
    }
  };
  // Resource load failures (img, script) also arrive as "error", without a message: not JS errors.
  listen(
    'error',
    (event) => {
      const e = event as ErrorEvent;
      if (e.message) report(e.message, e.error as Error, e.filename, e.lineno, e.colno);
    },
    win,
  );
  listen(
    'unhandledrejection',
    (event) => {
      const reason = (event as PromiseRejectionEvent).reason as Error | undefined;
      report(reason?.message ?? reason, reason);
    },
    win,
  );
}
