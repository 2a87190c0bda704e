import { describe, expect, it } from 'vitest';
import { profileConfig } from '../src/index.js';

const valid = {
  id: 'scholarship',
  site: 'university',
  name: 'Scholarship',
  prior: 0.05,
  evidence: [
    {
      id: 'aid-page',
      when: { type: 'pageview', path: '/admissions/aid-scholarships/**' },
      lr: 4,
      max: 3,
      distinct: 'path',
    },
  ],
  message: { text: '30% of students get a scholarship.' },
};

const problems = (input: unknown) => {
  const result = profileConfig.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('profile definitions', () => {
  it('fills the documented defaults', () => {
    const profile = profileConfig.parse(valid);
    expect(profile).toMatchObject({
      threshold: 0.7,
      enabled: true,
      requires: [],
      halfLifeMs: 1_800_000,
      priority: 0,
      holdout: 0,
      delivery: { maxPerSession: 1, cooldownMs: 86_400_000, rearmBelow: 0.5 },
      message: { expiresAfterMs: 300_000 },
    });
    expect(profile.evidence[0]).toMatchObject({ scope: 'visit', max: 3 });
  });

  it('says what is wrong with a bad definition', () => {
    expect(problems({ ...valid, requires: ['nope'] })).toEqual([
      'requires.0: "nope" is not an evidence item of this profile',
    ]);
    expect(problems({ ...valid, evidence: [valid.evidence[0], valid.evidence[0]] })).toEqual([
      'evidence: duplicate id "aid-page"',
    ]);
    expect(problems({ ...valid, threshold: 0.4 })).toEqual([
      'delivery.rearmBelow: must be below the threshold',
    ]);
    expect(problems({ ...valid, evidence: [{ id: 'd', when: { type: 'dwell' }, lr: 2 }] })).toEqual(
      ['evidence.0.when: activeSeconds is required for dwell, and only for dwell'],
    );
    expect(problems({ ...valid, prior: 1 })).toHaveLength(1);
    expect(problems({ ...valid, holdout: 0.9 })).toHaveLength(1);
    expect(problems({ ...valid, id: 'Not An Id' })).toHaveLength(1);
    expect(
      problems({ ...valid, evidence: [{ ...valid.evidence[0], when: { type: 'teleport' } }] }),
    ).toHaveLength(1);
    expect(
      problems({
        ...valid,
        evidence: [{ ...valid.evidence[0], when: { type: 'pageview', path: 'no-slash' } }],
      }),
    ).toEqual(['evidence.0.when.path: a path pattern starts with /']);
  });
});
