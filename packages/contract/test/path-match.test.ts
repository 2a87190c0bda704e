import { describe, expect, it } from 'vitest';
import { matchesPath } from '../src/index.js';

describe('path patterns', () => {
  it('matches * within a segment and ** across segments, the rest literally', () => {
    expect(
      matchesPath('/admissions/*/programs/**', '/admissions/graduates/programs/mba.html'),
    ).toBe(true);
    expect(matchesPath('/admissions/*/programs/**', '/admissions/a/b/programs/x.html')).toBe(false);
    expect(matchesPath('/admissions/*/tests*', '/admissions/graduates/tests.html')).toBe(true);
    expect(matchesPath('/a.html', '/aXhtml')).toBe(false); // the dot is literal
    expect(matchesPath('/a/(b|c)', '/a/b')).toBe(false); // so are parentheses
    expect(matchesPath(['/x', '/y/*'], '/y/z')).toBe(true);
    expect(matchesPath(undefined, undefined)).toBe(true);
    expect(matchesPath('/x', undefined)).toBe(false);
  });
});
