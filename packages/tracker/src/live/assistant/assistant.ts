import type { Ctx } from '../../context.js';
import { doc, now } from '../../dom.js';
import { claim } from './one-tab.js';
import { showPopup, type PopupMessage } from './popup.js';

const NEVER_KEY = 'sl_never';

/** A message pushed by the server (see the contract's assistance message). */
export interface AssistanceFrame extends PopupMessage {
  id: string;
  profileId: string;
  expiresAt: number;
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
export function installAssistant(ctx: Ctx): (frame: AssistanceFrame) => void {
  let open: (() => void) | undefined;
  return (frame) => {
    if (frame.expiresAt <= now() || neverProfiles().includes(frame.profileId)) return;
    const ids = { messageId: frame.id, profileId: frame.profileId };
    void claim(frame.id, !doc.hidden).then((mine) => {
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
