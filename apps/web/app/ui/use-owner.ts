'use client';
import { useApi, type Me } from './use-api';

/** Whether the signed-in user is an owner: only owners see the controls that change things. */
export function useOwner(): boolean {
  return useApi<Me>('/api/me').data?.role === 'owner';
}
