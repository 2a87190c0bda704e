import { describe, expect, it } from 'vitest';
import {
  comparedRange,
  filterQuery,
  parseFilters,
  withFilter,
  YEAR_MS,
} from '../app/ui/filters.js';

describe('dashboard filters', () => {
  it('read back what they write, values with colons included', () => {
    const filters = parseFilters(['path:eq:/a:b', 'country:neq:DE']);
    expect(filters).toEqual([
      { field: 'path', op: 'eq', value: '/a:b' },
      { field: 'country', op: 'neq', value: 'DE' },
    ]);
    expect(filterQuery(filters)).toBe('&filter=path%3Aeq%3A%2Fa%3Ab&filter=country%3Aneq%3ADE');
  });

  it('leave out what the dashboard does not write', () => {
    expect(parseFilters(['path', 'path:prefix:/a', ':eq:x', 'path:eq:'])).toEqual([
      { field: 'path', op: 'eq', value: '' },
    ]);
  });

  it('keep one filter per field, the newest', () => {
    const one = withFilter([], { field: 'path', op: 'eq', value: '/a' });
    const two = withFilter(one, { field: 'country', op: 'eq', value: 'FR' });
    expect(withFilter(two, { field: 'path', op: 'neq', value: '/b' })).toEqual([
      { field: 'country', op: 'eq', value: 'FR' },
      { field: 'path', op: 'neq', value: '/b' },
    ]);
  });

  it('compare with the period just before, or the same period a year earlier', () => {
    expect(comparedRange({ from: 1_000, to: 1_600 }, 'previous')).toEqual({ from: 400, to: 1_000 });
    expect(comparedRange({ from: YEAR_MS + 5, to: YEAR_MS + 9 }, 'year')).toEqual({
      from: 5,
      to: 9,
    });
  });
});
