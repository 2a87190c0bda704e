import { describe, expect, it } from 'vitest';
import { eventsIndexFor, windowsIndexFor } from '../src/elasticsearch/index-names.js';

describe('index names', () => {
  it('puts an event in the index of its UTC day, also when days and prefixes alternate', () => {
    const day = Date.UTC(2026, 10, 23);
    const cases: [string, number, string][] = [
      ['a', day, 'a-events-2026.11.23'],
      ['a', day + 86_399_999, 'a-events-2026.11.23'],
      ['a', day + 86_400_000, 'a-events-2026.11.24'],
      ['a', day - 1, 'a-events-2026.11.22'],
      ['b', day - 1, 'b-events-2026.11.22'],
      ['a', day + 5, 'a-events-2026.11.23'],
    ];
    for (const [prefix, ts, name] of cases) expect(eventsIndexFor(prefix, ts)).toBe(name);
  });

  it('puts a window in the index of its UTC month', () => {
    expect(windowsIndexFor('p', Date.UTC(2026, 0, 31, 23, 59, 50))).toBe('p-windows-2026.01');
    expect(windowsIndexFor('p', Date.UTC(2026, 1, 1))).toBe('p-windows-2026.02');
  });
});
