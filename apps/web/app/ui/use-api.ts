'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorText } from './api';

/**
 * Reads an API path; `reload` reads it again (after a change). When the path changes while a
 * read is under way, only the answer for the latest path is kept: a slow earlier answer never
 * replaces a newer one.
 */
export function useApi<T>(path: string | undefined) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const latest = useRef(path);
  latest.current = path;
  const reload = useCallback(() => {
    if (!path) return;
    api<T>(path).then(
      (value) => {
        if (latest.current !== path) return;
        setData(value);
        setError(undefined);
      },
      (e: unknown) => {
        if (latest.current === path) setError(errorText(e));
      },
    );
  }, [path]);
  useEffect(reload, [reload]);
  return { data, error, reload };
}

export interface Me {
  email: string;
  name: string;
  role: 'owner' | 'viewer';
}
