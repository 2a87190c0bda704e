export interface Store {
  _get: (key: string) => string | null | undefined;
  _set: (key: string, value: string) => void;
}

/**
 * localStorage when allowed (privacy modes and sandboxed frames refuse it), memory otherwise.
 * Nothing is written to the browser while `persist()` says no: in cookieless mode, and until
 * the visitor consents where the site asks for consent.
 */
export function createStore(persist: () => unknown): Store {
  const memory: Record<string, string> = {};
  const local = () => {
    try {
      return localStorage;
    } catch {
      return undefined; // refused: memory only
    }
  };
  return {
    _get: (key) => memory[key] ?? local()?.getItem(key),
    _set: (key, value) => {
      memory[key] = value;
      try {
        if (persist()) local()?.setItem(key, value);
      } catch {
        // full: the memory copy serves this page
      }
    },
  };
}
