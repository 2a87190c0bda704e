import { win } from '../../dom.js';

const SHOWN_KEY = 'sl_shown';

/** Message ids shown in any tab of this site (the last 50). */
export const shownIds = (): string[] => {
  try {
    return (JSON.parse(localStorage.getItem(SHOWN_KEY) ?? '[]') as string[]).slice(-50);
  } catch {
    return [];
  }
};

/** Marks the message shown in this tab unless another tab did; true when this tab shows it. */
export const mark = (id: string): boolean => {
  const ids = shownIds();
  if (ids.includes(id)) return false;
  try {
    localStorage.setItem(SHOWN_KEY, JSON.stringify([...ids, id]));
  } catch {
    // Storage refused (private mode): show it here anyway.
  }
  return true;
};

/**
 * Decides which tab shows a message every tab of the visitor received: a visible tab claims it
 * at once, hidden ones a moment later; the claim is taken under a Web Lock, so two tabs never
 * both win (where Web Locks are missing, storage alone decides).
 */
export function claim(id: string, visible: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const decide = () => {
      const locks = (win.navigator as Navigator & { locks?: LockManager }).locks;
      if (!locks) return resolve(mark(id));
      void locks.request(`sightline-${id}`, () => resolve(mark(id)));
    };
    // The visible tab asks at once (not in a later task, which a busy page can hold back).
    if (visible) decide();
    else setTimeout(decide, 400);
  });
}
