'use client';
import { useCallback, useEffect, useState } from 'react';
import { api, errorText } from './api';

/** Reads an API path; `reload` reads it again (after a change). */
export function useApi<T>(path: string | undefined) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const reload = useCallback(() => {
    if (!path) return;
    api<T>(path).then(
      (value) => {
        setData(value);
        setError(undefined);
      },
      (e: unknown) => setError(errorText(e)),
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
