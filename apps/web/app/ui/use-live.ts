'use client';
import { useEffect, useRef, useState } from 'react';

/**
 * The items of a server-sent event stream, folded into a state by `fold` as they arrive. The
 * browser reconnects by itself; `connected` says whether the stream is up.
 */
export function useLive<T, S>(
  url: string | undefined,
  event: string,
  initial: S,
  fold: (state: S, item: T) => S,
) {
  const [state, setState] = useState(initial);
  const [connected, setConnected] = useState(false);
  // The latest fold, without reopening the stream when the caller passes a new function.
  const foldRef = useRef(fold);
  foldRef.current = fold;
  useEffect(() => {
    if (!url) return;
    const source = new EventSource(url);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener(event, (message) => {
      const item = JSON.parse((message as MessageEvent<string>).data) as T;
      setState((current) => foldRef.current(current, item));
    });
    return () => source.close();
  }, [url, event]);
  return { state, connected };
}
