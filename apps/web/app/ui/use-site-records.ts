'use client';
import { useParams } from 'next/navigation';
import { useState } from 'react';
import { api, errorText } from './api';
import { useApi } from './use-api';
import { useOwner } from './use-owner';

export interface SiteRecords<T> {
  /** The site's key. */
  key: string;
  records: T[] | undefined;
  owner: boolean;
  error: string | undefined;
  save: (id: string, body: unknown, saved: () => void) => void;
  remove: (record: T) => void;
}

/**
 * One kind of the current site's records (goals, funnels) through the API: the list, whether
 * the user may change them, saving and deleting (the list read again after), and the last error.
 */
export function useSiteRecords<T extends { id: string }>(path: string): SiteRecords<T> {
  const { key = '' } = useParams<{ key: string }>();
  const base = `/api/sites/${encodeURIComponent(key)}/${path}`;
  const { data: records, error: loadError, reload } = useApi<T[]>(base);
  const owner = useOwner();
  const [error, setError] = useState<string>();
  const failed = (e: unknown) => setError(errorText(e));
  return {
    key,
    records,
    owner,
    error: loadError ?? error,
    /** Saves a record under `id`; `saved` runs once it is stored (to clear the form). */
    save: (id: string, body: unknown, saved: () => void) => {
      setError(undefined);
      api(`${base}/${id}`, { method: 'PUT', body }).then(() => {
        saved();
        reload();
      }, failed);
    },
    remove: (record: T) =>
      void api(`${base}/${record.id}`, { method: 'DELETE' }).then(reload, failed),
  };
}
