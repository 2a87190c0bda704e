import { describe, expect, it } from 'vitest';
import { funnelReport } from '../server/goals/funnel-report.js';

describe('funnel report', () => {
  it('gives each step its drop-off, conversion from the step before and from the first', () => {
    const funnel = {
      site: 'shop',
      id: 'buy',
      name: 'Buy',
      steps: [
        { kind: 'page' as const, path: '/product/*' },
        { kind: 'event' as const, event: 'add_to_cart' },
        { kind: 'event' as const, event: 'purchase' },
      ],
    };
    const report = funnelReport(funnel, [
      { visits: 8 },
      { visits: 4, medianMs: 2_000 },
      { visits: 0 },
    ]);
    expect(report.map(({ target: _, ...figures }) => figures)).toEqual([
      { visits: 8, dropOff: 0, conversion: 1, overall: 1 },
      { visits: 4, dropOff: 4, conversion: 0.5, overall: 0.5, medianMs: 2_000 },
      { visits: 0, dropOff: 4, conversion: 0, overall: 0 },
    ]);
  });

  it('answers zeros when nobody entered the funnel', () => {
    const funnel = {
      site: 'shop',
      id: 'f',
      name: 'F',
      steps: [
        { kind: 'page' as const, path: '/a' },
        { kind: 'page' as const, path: '/b' },
      ],
    };
    expect(funnelReport(funnel, [{ visits: 0 }, { visits: 0 }]).map((s) => s.conversion)).toEqual([
      0, 0,
    ]);
  });
});
