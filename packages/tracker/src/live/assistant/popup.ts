import { doc } from '../../dom.js';

export interface PopupMessage {
  text: string;
  link?: { url: string; label: string };
}

export interface PopupActions {
  clicked: () => void;
  dismissed: (never: boolean) => void;
}

const CSS = `:host{all:initial}
.box{position:fixed;right:16px;bottom:16px;z-index:2147483647;max-width:min(360px,calc(100vw - 32px));box-sizing:border-box;padding:16px 16px 12px;border-radius:12px;background:#fff;color:#1f2937;box-shadow:0 8px 30px rgba(0,0,0,.18);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;animation:in .2s ease-out}
@media (prefers-reduced-motion:reduce){.box{animation:none}}
@keyframes in{from{opacity:0;transform:translateY(8px)}}
p{margin:0 24px 12px 0}
.row{display:flex;gap:8px;flex-wrap:wrap;align-items:center}
a.cta{display:inline-block;padding:6px 12px;border-radius:8px;background:#1d4ed8;color:#fff;text-decoration:none;font-weight:600}
a.cta:focus-visible,button:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}
button{font:inherit;cursor:pointer;border:0;background:none;color:#4b5563;padding:4px 6px;border-radius:6px}
button.close{position:absolute;top:6px;right:6px;font-size:20px;line-height:1}
button.never{font-size:13px;text-decoration:underline}`;

/** Links the pop-up may follow: web pages and e-mail, never scripts. */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url, doc.baseURI);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The assistant's pop-up: bottom right, in a shadow root (page styles cannot reach it, nor it the
 * page), styled by a constructed style sheet (no inline style, so strict CSP allows it). It is
 * announced politely and never takes focus; Escape or its buttons close it. Returns a function
 * that removes it.
 */
export function showPopup(message: PopupMessage, actions: PopupActions): () => void {
  const host = element('div');
  host.setAttribute('data-sightline', 'assistant');
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  root.adoptedStyleSheets = [sheet];

  const box = element('div', 'box');
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-label', 'Message from this site');
  // Announced when it appears, without interrupting and without moving focus.
  box.setAttribute('aria-live', 'polite');
  const text = element('p', undefined, message.text);
  const row = element('div', 'row');
  const href = message.link && safeHref(message.link.url);
  if (message.link && href) {
    const cta = element('a', 'cta', message.link.label);
    cta.href = href;
    cta.addEventListener('click', () => {
      actions.clicked();
      remove();
    });
    row.append(cta);
  }
  const never = element('button', 'never', "Don't show again");
  never.type = 'button';
  const close = element('button', 'close', '×');
  close.type = 'button';
  close.setAttribute('aria-label', 'Close');
  box.append(close, text, row);
  row.append(never);
  root.append(box);

  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') dismiss(false);
  };
  const remove = () => {
    doc.removeEventListener('keydown', onKey, true);
    host.remove();
  };
  const dismiss = (forGood: boolean) => {
    actions.dismissed(forGood);
    remove();
  };
  close.addEventListener('click', () => dismiss(false));
  never.addEventListener('click', () => dismiss(true));
  doc.addEventListener('keydown', onKey, true);
  doc.body.append(host);
  return remove;
}
