'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { filterText, parseFilters, type Comparison, type Filter } from '@/app/ui/filters';

export const RANGES = [
  ['live', 'Live', 0],
  ['1h', '1 hour', 3_600_000],
  ['24h', '24 hours', 86_400_000],
  ['7d', '7 days', 7 * 86_400_000],
  ['30d', '30 days', 30 * 86_400_000],
  ['custom', 'Custom', 0],
] as const;

export type RangeId = (typeof RANGES)[number][0];

/** What the dashboard shows, as its URL says: shared, it opens the same view. */
export interface DashboardState {
  range: RangeId;
  /** The custom range's bounds (epoch ms). */
  from?: number;
  to?: number;
  filters: Filter[];
  comparison: Comparison;
}

const isRange = (id: string | null): id is RangeId => RANGES.some(([range]) => range === id);
const time = (text: string | null) => (text && /^\d+$/.test(text) ? Number(text) : undefined);

/** The dashboard's state in its URL (`range`, `from`, `to`, `filter`…, `compare`), and a setter. */
export function useDashboardState(): [DashboardState, (change: Partial<DashboardState>) => void] {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo((): DashboardState => {
    const range = search.get('range');
    const from = time(search.get('from'));
    const to = time(search.get('to'));
    return {
      range: isRange(range) ? range : 'live',
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      filters: parseFilters(search.getAll('filter')),
      comparison: search.get('compare') === 'year' ? 'year' : 'previous',
    };
  }, [search]);
  const change = useCallback(
    (next: Partial<DashboardState>) => {
      const s = { ...state, ...next };
      const params = new URLSearchParams();
      if (s.range !== 'live') params.set('range', s.range);
      if (s.range === 'custom') {
        if (s.from !== undefined) params.set('from', String(s.from));
        if (s.to !== undefined) params.set('to', String(s.to));
      }
      for (const filter of s.filters) params.append('filter', filterText(filter));
      if (s.comparison !== 'previous') params.set('compare', s.comparison);
      const query = params.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [state, router, pathname],
  );
  return [state, change];
}
