import { profileConfig, type CollectedEvent } from '@sightline/contract';
import { describe, expect, it } from 'vitest';
import { VisitorScorer, type ScoredHit } from '../src/index.js';
import { Browsing, universityProfiles } from '../../../test/visitors/browsing.js';

const profiles = universityProfiles();

/** Feeds events one by one; returns the hits and after which event (index) each came. */
function run(browsing: Browsing, events: CollectedEvent[] = browsing.events) {
  const scorer = new VisitorScorer(profiles, 'university', browsing.visitor);
  const hits: (ScoredHit & { after: number })[] = [];
  events.forEach((event, after) => {
    for (const hit of scorer.apply(event)) hits.push({ ...hit, after });
  });
  return { scorer, hits };
}

const sent = (hits: ScoredHit[]) =>
  hits.filter((hit) => hit.outcome === 'sent').map((hit) => hit.profile.id);

describe('the university profiles (Table 1)', () => {
  it('loads the example pack through the contract', () => {
    expect(profiles.map((p) => p.id)).toEqual([
      'choosing-programme',
      'information-not-found',
      'planning-to-apply',
      'scholarship',
    ]);
  });

  it('choosing a programme: the list page, then two programme pages scrolled through', () => {
    const b = new Browsing();
    b.open('/admissions/undergraduates.html');
    b.open('/admissions/undergraduates/programs/computer-science.html');
    b.scroll(25);
    b.scroll(50);
    b.scroll(75);
    b.open('/admissions/undergraduates/programs/business.html');
    b.scroll(25);
    const last = b.scroll(50);
    const { hits } = run(b);
    expect(sent(hits)).toEqual(['choosing-programme']);
    expect(hits[0]!.event).toBe(last); // not before the sequence completes
    expect(hits[0]!.score).toBeGreaterThanOrEqual(0.7);
    expect(hits[0]!.evidence.map((e) => e.id).sort()).toEqual([
      'programme-list',
      'programme-scrolled',
    ]);
  });

  it('choosing a programme needs the list page, and scrolling on two distinct programmes', () => {
    const withoutList = new Browsing();
    for (const name of ['a', 'b', 'c']) {
      withoutList.open(`/admissions/graduates/programs/${name}.html`);
      withoutList.scroll(100);
    }
    expect(run(withoutList).hits).toEqual([]);

    const samePage = new Browsing();
    samePage.open('/admissions/graduates.html');
    samePage.open('/admissions/graduates/programs/mba.html');
    for (let i = 0; i < 5; i++) samePage.scroll(50 + i * 10);
    samePage.open('/admissions/graduates/programs/mba.html');
    samePage.scroll(60);
    expect(run(samePage).hits).toEqual([]);
  });

  it('information not found: more than three minutes on a page, scrolling up and down', () => {
    const b = new Browsing();
    b.open('/admissions/requirements.html');
    for (let reversals = 1; reversals <= 6; reversals++) b.scroll(40, reversals);
    for (let i = 0; i < 11; i++) b.heartbeat(15_000); // 165 s active: not yet
    expect(run(b).hits).toEqual([]);
    const crossing = b.heartbeat(15_000); // 180 s
    const { hits } = run(b);
    expect(sent(hits)).toEqual(['information-not-found']);
    expect(hits[0]!.event).toBe(crossing);
  });

  it('information not found: time alone, or time spread over pages, is not enough', () => {
    const idle = new Browsing();
    idle.open('/news.html');
    for (let i = 0; i < 20; i++) idle.heartbeat(15_000);
    expect(run(idle).hits).toEqual([]);

    const spread = new Browsing();
    for (const path of ['/a.html', '/b.html', '/c.html']) {
      spread.open(path);
      spread.scroll(50, 5);
      for (let i = 0; i < 6; i++) spread.heartbeat(15_000); // 90 s per page
    }
    expect(run(spread).hits).toEqual([]);
  });

  it('planning to apply: a programme, tuition fees, admission tests — all three', () => {
    const b = new Browsing();
    b.open('/admissions/graduates/programs/mba.html');
    b.open('/admissions/graduates/tuition-fees.html');
    const tests = b.open('/admissions/graduates/tests.html');
    const { hits } = run(b);
    expect(sent(hits)).toEqual(['planning-to-apply']);
    expect(hits[0]!.event).toBe(tests);

    for (const missing of [0, 1, 2]) {
      const two = new Browsing();
      const paths = [
        '/admissions/undergraduates/programs/law.html',
        '/admissions/undergraduates/tuition-fees.html',
        '/admissions/undergraduates/tests.html',
      ].filter((_, i) => i !== missing);
      for (const path of paths) two.open(path);
      expect(run(two).hits).toEqual([]);
    }
  });

  it('scholarship: three distinct pages of the scholarship section', () => {
    const b = new Browsing();
    b.open('/admissions/aid-scholarships/merit.html');
    b.open('/admissions/aid-scholarships/merit.html');
    b.open('/admissions/aid-scholarships/need-based.html');
    expect(run(b).hits).toEqual([]);
    const third = b.open('/admissions/aid-scholarships/athletics.html');
    const { hits } = run(b);
    expect(sent(hits)).toEqual(['scholarship']);
    expect(hits[0]!.event).toBe(third);
  });

  it('browsing that matches no profile shows nothing', () => {
    const b = new Browsing();
    for (const path of ['/', '/news.html', '/campus-life.html', '/about.html', '/contact.html']) {
      b.open(path);
      b.scroll(100, 1);
      b.heartbeat(10_000);
    }
    const { hits, scorer } = run(b);
    expect(hits).toEqual([]);
    for (const score of Object.values(scorer.scores())) expect(score).toBeLessThan(0.1);
  });
});

describe('the scoring engine', () => {
  it('forgets evidence with time: the same visits days apart do not add up', () => {
    const b = new Browsing();
    b.open('/admissions/undergraduates/programs/law.html');
    b.open('/admissions/undergraduates/tuition-fees.html');
    b.wait(3 * 86_400_000); // three half-lives of planning-to-apply
    b.open('/admissions/undergraduates/tests.html');
    const { hits, scorer } = run(b);
    expect(hits).toEqual([]);
    const fresh = new Browsing();
    fresh.open('/admissions/undergraduates/tests.html');
    const onlyTests = run(fresh).scorer.scores()['planning-to-apply']!;
    // Three days on, the first two pages weigh an eighth of what they did.
    expect(scorer.scores()['planning-to-apply']).toBeGreaterThan(onlyTests);
    expect(scorer.scores()['planning-to-apply']).toBeLessThan(0.7);
  });

  it('gives the same scores and hit ids when the same events are replayed', () => {
    const b = new Browsing();
    b.open('/admissions/aid-scholarships/a.html');
    b.open('/admissions/aid-scholarships/b.html');
    b.open('/admissions/aid-scholarships/c.html');
    b.open('/admissions/graduates/programs/mba.html');
    const first = run(b);
    const second = run(b);
    expect(second.scorer.scores()).toEqual(first.scorer.scores());
    expect(second.hits.map((h) => [h.id, h.score, h.after])).toEqual(
      first.hits.map((h) => [h.id, h.score, h.after]),
    );
    expect(first.hits[0]!.id).toBe(`university:${b.visitor}:scholarship:1`);
  });

  it('counts a repeated event id once', () => {
    const b = new Browsing();
    const page = b.open('/admissions/aid-scholarships/a.html');
    b.open('/admissions/aid-scholarships/b.html');
    const repeated = [
      ...b.events,
      page,
      page,
      { ...page, path: '/admissions/aid-scholarships/c.html' },
    ];
    expect(run(b, repeated).hits).toEqual([]);
  });

  it('caps what one item can add, and counts a path once', () => {
    const b = new Browsing();
    // Ten scholarship pages, and the first again: the item holds at most three occurrences,
    // topped up by each new page, and the repeated page adds nothing.
    for (let i = 0; i < 10; i++) b.open(`/admissions/aid-scholarships/p${i}.html`);
    b.open('/admissions/aid-scholarships/p0.html');
    const { scorer } = run(b);
    const day = 86_400_000;
    const weight = 3 * 2 ** (-(b.events[10]!.ts - b.events[9]!.ts) / day);
    const expected = 1 / (1 + Math.exp(-(Math.log(0.05 / 0.95) + weight * Math.log(4))));
    expect(scorer.scores().scholarship).toBeCloseTo(expected, 12);
  });

  it('clips what one occurrence can add', () => {
    const strong = profiles.map((p) =>
      p.id === 'scholarship'
        ? { ...p, evidence: p.evidence.map((e) => ({ ...e, lr: 1_000, max: 1 })) }
        : p,
    );
    const b = new Browsing();
    b.open('/admissions/aid-scholarships/a.html');
    const scorer = new VisitorScorer(strong, 'university', b.visitor);
    scorer.apply(b.events[0]!);
    // ln 1000 ≈ 6.9 is clipped to 4.
    expect(scorer.scores().scholarship).toBeCloseTo(
      1 / (1 + Math.exp(-(Math.log(0.05 / 0.95) + 4))),
      12,
    );
  });

  it('shows a message once per visit; dismissing holds it back, "never" for good', () => {
    const scorer = new VisitorScorer(profiles, 'university', 'v-caps');
    const visit = (session: string, start: number) => {
      const b = new Browsing('v-caps', start, session);
      b.open('/admissions/aid-scholarships/a.html');
      b.open('/admissions/aid-scholarships/b.html');
      b.open('/admissions/aid-scholarships/c.html');
      return b;
    };
    const day = 86_400_000;
    const first = visit('s1', Date.UTC(2026, 0, 1));
    const firstHits = first.events.flatMap((e) => scorer.apply(e));
    expect(firstHits.map((h) => h.outcome)).toEqual(['sent']);
    // More scholarship pages in the same visit: the profile is not re-armed, nothing more.
    first.open('/admissions/aid-scholarships/d.html');
    expect(scorer.apply(first.events.at(-1)!)).toEqual([]);
    // Ten days later the evidence has faded (re-armed); a new visit fires again.
    const later = visit('s2', Date.UTC(2026, 0, 11));
    const dismissal = later.dismissed('scholarship', true);
    const laterHits = later.events.filter((e) => e !== dismissal).flatMap((e) => scorer.apply(e));
    expect(laterHits.map((h) => h.outcome)).toEqual(['sent']);
    scorer.apply(dismissal);
    const again = visit('s3', Date.UTC(2026, 0, 11) + 20 * day);
    const againHits = again.events.flatMap((e) => scorer.apply(e));
    expect(againHits.map((h) => [h.outcome, h.reason])).toEqual([['suppressed', 'never-again']]);
  });

  it('shows the higher-priority profile when two cross on the same event', () => {
    const b = new Browsing();
    b.open('/admissions/aid-scholarships/a.html');
    b.open('/admissions/aid-scholarships/b.html');
    b.open('/admissions/undergraduates/programs/law.html');
    b.open('/admissions/undergraduates/tuition-fees.html');
    // Crosses both planning-to-apply (tests page) and scholarship (third section page).
    b.open('/admissions/aid-scholarships/tests-and-scholarships.html');
    const both = profiles.map((p) =>
      p.id === 'planning-to-apply'
        ? {
            ...p,
            evidence: p.evidence.map((e) =>
              e.id === 'admission-tests'
                ? { ...e, when: { ...e.when, path: '/admissions/**/tests*' } }
                : e,
            ),
          }
        : p,
    );
    const scorer = new VisitorScorer(both, 'university', b.visitor);
    const hits = b.events.flatMap((e) => scorer.apply(e));
    expect(hits.map((h) => [h.profile.id, h.outcome, h.reason])).toEqual([
      ['planning-to-apply', 'sent', undefined],
      ['scholarship', 'suppressed', 'priority'],
    ]);
  });

  it('waits for required evidence even when the score is already past the threshold', () => {
    const strict = profileConfig.parse({
      id: 'strict',
      site: 'university',
      name: 'Strict',
      prior: 0.05,
      evidence: [
        { id: 'strong', when: { type: 'pageview', path: '/strong.html' }, lr: 100 },
        { id: 'needed', when: { type: 'pageview', path: '/needed.html' }, lr: 2 },
      ],
      requires: ['needed'],
      message: { text: 'Hello' },
    });
    const b = new Browsing();
    const scorer = new VisitorScorer([strict], 'university', b.visitor);
    expect(scorer.apply(b.open('/strong.html'))).toEqual([]);
    expect(scorer.scores().strict).toBeGreaterThan(0.7);
    expect(scorer.apply(b.open('/needed.html')).map((hit) => hit.outcome)).toEqual(['sent']);
  });

  it('does not score visitors who did not allow personalisation', () => {
    const b = new Browsing('v-no-consent', undefined, 's', false);
    for (const p of ['a', 'b', 'c']) b.open(`/admissions/aid-scholarships/${p}.html`);
    const { hits, scorer } = run(b);
    expect(hits).toEqual([]);
    expect(scorer.scores().scholarship).toBeCloseTo(0.05, 12);
  });

  it('holds out a stable share of matching visitors', () => {
    const held = profiles.map((p) => ({ ...p, holdout: 0.3 }));
    const outcomes = Array.from({ length: 400 }, (_, i) => {
      const b = new Browsing(`visitor-${i}`);
      for (const p of ['a', 'b', 'c']) b.open(`/admissions/aid-scholarships/${p}.html`);
      const scorer = new VisitorScorer(held, 'university', b.visitor);
      return b.events.flatMap((e) => scorer.apply(e))[0]!.outcome;
    });
    const share = outcomes.filter((o) => o === 'holdout').length / outcomes.length;
    expect(share).toBeGreaterThan(0.22);
    expect(share).toBeLessThan(0.38);
    expect(outcomes.every((o) => o === 'holdout' || o === 'sent')).toBe(true);
  });
});
