import type { Ctx } from '../context.js';
import { properties } from '../core/properties.js';
import { doc, listen, round } from '../dom.js';

const DOWNLOAD =
  /\.(pdf|zip|rar|7z|gz|tar|dmg|exe|msi|apk|iso|csv|xlsx?|docx?|pptx?|txt|epub|mp[34]|mov|avi|wav)$/i;
const GOAL = 'data-sightline-event';
/** What a visitor types or picks: its text is never read. */
const FIELD = 'textarea,select,[contenteditable]';

/** A short CSS path: up to four ancestors, stopping at an id. */
export function selectorOf(el: Element | null): string {
  let path = '';
  for (let depth = 0; el && depth++ < 4 && el !== doc.body; el = el.id ? null : el.parentElement) {
    path =
      (el.id ? `#${el.id}` : el.localName + (el.classList[0] ? `.${el.classList[0]}` : '')) +
      (path && '>') +
      path;
  }
  return path;
}

/** Clicks with position and element; outbound links, downloads and `data-sightline-event` goals. */
export function captureClicks(ctx: Ctx): void {
  listen('click', (event) => {
    const { pageX, pageY, target } = event as MouseEvent;
    const el =
      (target as Element).closest?.(`a,button,input,[role=button],[${GOAL}]`) ??
      (target as Element);
    const input = el as HTMLInputElement;
    // Only button-like inputs say what they are; a typed value is never read, nor the text of
    // an editable element, a text area or a list of options (or of anything holding one).
    const label =
      el.localName === 'input'
        ? /^(submit|button|reset)$/.test(input.type) && input.value
        : !el.closest(FIELD) && !el.querySelector(FIELD) && el.textContent;
    // No label (a text field, an empty element) sends no text at all, never `false`.
    const text = label ? label.slice(0, 300).replace(/\s+/g, ' ').trim() : '';
    const link = el.closest('a');
    const href = link?.href;
    const page = doc.documentElement;
    ctx._emit('click', {
      x: round(pageX),
      y: round(pageY),
      pageWidth: page.scrollWidth,
      pageHeight: page.scrollHeight,
      tag: el.localName.slice(0, SL_LIMITS.tagLength),
      elementId: el.id,
      classes: el.getAttribute('class'),
      text,
      selector: selectorOf(el),
      href,
    });
    if (link && href?.startsWith('http')) {
      const path = link.pathname;
      if (link.hasAttribute('download') || DOWNLOAD.test(path))
        ctx._emit('download', {
          href,
          extension: path.split('.').pop()!.slice(0, SL_LIMITS.extensionLength),
          text,
        });
      else if (link.host !== location.host) ctx._emit('outbound', { href, text });
    }
    const goal = el.closest(`[${GOAL}]`);
    if (goal) {
      const props: Record<string, string> = {};
      for (const { name, value } of goal.attributes)
        if (!name.indexOf('data-sightline-prop-')) props[name.slice(20)] = value;
      ctx._emit('custom', { name: goal.getAttribute(GOAL), props: properties(props) });
    }
  });
}
