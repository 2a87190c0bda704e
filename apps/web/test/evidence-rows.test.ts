import { describe, expect, it } from 'vitest';
import { universityProfiles } from '../../../test/visitors/browsing.js';
import {
  arithmetic,
  itemOf,
  parseConditions,
  rowOf,
} from '../app/sites/[key]/profiles/[id]/evidence-rows.js';

describe('the profile editor’s evidence rows', () => {
  it('gives back every evidence item of the university profiles as it was', () => {
    for (const profile of universityProfiles())
      for (const item of profile.evidence) {
        const row = rowOf(item, profile.requires.includes(item.id));
        expect(itemOf(row).item, `${profile.id}/${item.id}`).toEqual(item);
        expect(row.required).toBe(profile.requires.includes(item.id));
      }
  });

  it('reads conditions, and names the one it cannot read', () => {
    expect(parseConditions('depth >= 50; reversals<=4\nname = ask; utm.source ^= news')).toEqual({
      fields: {
        depth: { gte: 50 },
        reversals: { lte: 4 },
        name: { eq: 'ask' },
        'utm.source': { prefix: 'news' },
      },
    });
    expect(parseConditions('value = 12; first = true')).toEqual({
      fields: { value: { eq: 12 }, first: { eq: true } },
    });
    expect(parseConditions('depth >= deep').error).toMatch(/compares numbers/);
    expect(parseConditions('just words').error).toMatch(/"just words"/);
    expect(parseConditions('')).toEqual({});
  });

  it('maps strength presets to ratios and shows the arithmetic', () => {
    const [scholarship] = universityProfiles().filter((p) => p.id === 'scholarship');
    const rows = scholarship!.evidence.map((item) => rowOf(item, false));
    expect(rows[0]!.strength).toBe('medium'); // lr 4
    const math = arithmetic(scholarship!.prior, scholarship!.threshold, rows);
    // logit(0.05) = −2.944; ln 4 = 1.386, three distinct pages: 4.159; logit(0.7) = 0.847.
    expect(math.start).toBeCloseTo(Math.log(0.05 / 0.95), 6);
    expect(math.items[0]!.perOccurrence).toBeCloseTo(Math.log(4), 6);
    expect(math.reachable).toBeCloseTo(3 * Math.log(4), 6);
    expect(math.needed).toBeCloseTo(Math.log(0.7 / 0.3) - Math.log(0.05 / 0.95), 6);
    expect(math.best).toBeCloseTo(
      1 / (1 + Math.exp(-(Math.log(0.05 / 0.95) + 3 * Math.log(4)))),
      6,
    );
    // Two pages are not enough, three are: the arithmetic agrees with the scorer.
    expect(2 * Math.log(4)).toBeLessThan(math.needed);
    expect(math.reachable).toBeGreaterThan(math.needed);
  });
});
