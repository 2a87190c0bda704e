import type { Ctx } from '../../context.js';
import { doc } from '../../dom.js';

/** Images that came at least half into view, once per image per page view; pixels are ignored. */
export function captureImageViews(ctx: Ctx): void {
  let seen = new Set<string>();
  let pending: ReturnType<typeof setTimeout> | undefined;
  const observer = new IntersectionObserver(
    (entries) => {
      for (const { isIntersecting, target } of entries) {
        const { currentSrc: src, alt, id: elementId, width, height } = target as HTMLImageElement;
        if (isIntersecting && !seen.has(src) && width > 19 && height > 19) {
          seen.add(src);
          ctx._emit('image_view', { src, alt, elementId, width, height });
        }
      }
    },
    { threshold: 0.5 },
  );
  const scan = () => {
    pending = undefined;
    doc.querySelectorAll('img').forEach((img) => observer.observe(img));
  };
  ctx._onPage(() => {
    seen = new Set();
    // Observing afresh reports the images already in view for the new page view.
    observer.disconnect();
    scan();
  });
  // Images added later (galleries, infinite lists) are picked up once the DOM settles.
  new MutationObserver(() => (pending ??= setTimeout(scan, 500))).observe(doc, {
    childList: true,
    subtree: true,
  });
  scan();
}
