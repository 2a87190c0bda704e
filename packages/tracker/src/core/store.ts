export interface Store {
  _get: (key: string) => string | null | undefined;
  _set: (key: string, value: string) => void;
}

/**
 * localStorage when allowed (privacy modes and sandboxed frames refuse it), memory otherwise.
 * With `persist` false nothing is ever written to the browser (cookieless mode).
 */
export function createStore(persist: boolean): Store {
  const memory: Record<string, string> = {};
  let local: Storage | undefined;
  try {
    if (persist) local = localStorage;
  } catch {
    // refused: memory only
  }
  return {
    _get: (key) => local?.getItem(key) ?? memory[key],
    _set: (key, value) => {
      memory[key] = value;
      try {
        local?.setItem(key, value);
      } catch {
        // full: the memory copy serves this page
      }
    },
  };
}
