import type { Ctx } from '../../context.js';
import { doc, now } from '../../dom.js';
import { claim, mark } from './one-tab.js';
import { showPopup, type PopupMessage } from './popup.js';

const NEVER_KEY = 'sl_never';

/** A message pushed by the server (see the contract's assistance message). */
export interface AssistanceFrame extends PopupMessage {
  id: string;
  profileId: string;
  expiresAt: number;
  /** The page view the message is for. */
  page?: string;
}

const neverProfiles = (): string[] => {
  try {
    return JSON.parse(localStorage.getItem(NEVER_KEY) ?? '[]') as string[];
  } catch {
    return [];
  }
};

/**
 * The assistant on the page: shows each message pushed for this visitor in one tab, unless it
 * expired or the visitor asked never to see that profile again, and reports what the visitor
 * did with it (shown, clicked, dismissed) as events — which the chatbot reads too.
 */
export function installAssistant(
  ctx: Ctx,
  page: () => string | null | undefined,
): (frame: AssistanceFrame) => void {
  let open: (() => void) | undefined;
  return (frame) => {
    if (frame.expiresAt <= now() || neverProfiles().includes(frame.profileId)) return;
    const ids = { messageId: frame.id, profileId: frame.profileId };
    // The page the message is for shows it at once, without the lock: a copy sent to another
    // tab (its fallback) leaves the server only after this page had its chance, and finds the
    // mark. Any other copy is claimed.
    const claimed =
      frame.page !== undefined && frame.page === page()
        ? Promise.resolve(mark(frame.id))
        : claim(frame.id, !doc.hidden);
    void claimed.then((mine) => {
      if (!mine) return;
      open?.();
      ctx._emit('assistance_shown', ids);
      open = showPopup(frame, {
        clicked: () => ctx._emit('assistance_clicked', ids),
        dismissed: (never) => {
          if (never)
            try {
              localStorage.setItem(
                NEVER_KEY,
                JSON.stringify([...neverProfiles(), frame.profileId]),
              );
            } catch {
              // Storage refused: the server remembers it too.
            }
          ctx._emit('assistance_dismissed', never ? { ...ids, never } : ids);
        },
      });
    });
  };
}
