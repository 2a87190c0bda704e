import type { CollectedEvent, ProfileConfig } from '@sightline/contract';
import { describe, expect, it } from 'vitest';
import { normalisePath, VisitorScorer, type ScoredHit } from '../src/index.js';
import { Browsing, universityProfiles } from '../../../test/visitors/browsing.js';

const profiles = universityProfiles();

function run(browsing: Browsing, options: ConstructorParameters<typeof VisitorScorer>[3] = {}) {
  const scorer = new VisitorScorer(profiles, 'university', browsing.visitor, options);
  const hits: ScoredHit[] = [];
  for (const event of browsing.events) hits.push(...scorer.apply(event));
  return { scorer, hits, sent: hits.filter((h) => h.outcome === 'sent').map((h) => h.profile.id) };
}

const scholarshipPages = ['merit', 'need-based', 'athletics'].map(
  (name) => `/admissions/aid-scholarships/${name}.html`,
);
const applyingPages = ['programs/law.html', 'tuition-fees.html', 'tests.html'].map(
  (page) => `/admissions/undergraduates/${page}`,
);

describe('the assistant believes only human behaviour', () => {
  it('never scores a bot, however well it matches', () => {
    const b = new Browsing('v-bot');
    b.extra = { bot: true };
    for (const page of scholarshipPages) b.open(page);
    for (const page of applyingPages) b.open(page);
    const { hits, scorer } = run(b);
    expect(hits).toEqual([]);
    expect(Object.values(scorer.scores()).every((score) => score < 0.1)).toBe(true);
  });

  it('takes back a page view left in a blink: pages 60–150 ms apart are not interest', () => {
    for (const gap of [60, 100, 150]) {
      const fast = new Browsing(`v-fast-${gap}`);
      fast.open('/');
      for (const page of [...scholarshipPages, ...applyingPages]) fast.open(page, gap);
      expect(run(fast).hits, `${gap} ms`).toEqual([]);
    }
    // The same pages at a reader's pace: both profiles fire.
    const reader = new Browsing('v-reader');
    reader.open('/');
    for (const page of [...scholarshipPages, ...applyingPages]) reader.open(page, 4_000);
    expect(run(reader).sent.sort()).toEqual(['planning-to-apply', 'scholarship']);
  });

  it('counts the page view that completes a profile at once, before its page has had time', () => {
    const b = new Browsing('v-third');
    b.open(scholarshipPages[0]!);
    b.open(scholarshipPages[1]!, 3_000);
    const third = b.open(scholarshipPages[2]!, 3_000);
    const { hits } = run(b);
    expect(hits.map((h) => h.event)).toEqual([third]);
  });

  it('the minimum time on a page is the profile’s to set', () => {
    const slow = profiles.map((p) => ({ ...p, pace: { ...p.pace, minPageMs: 5_000 } }));
    const b = new Browsing('v-pace');
    for (const page of scholarshipPages) b.open(page, 3_000);
    b.open('/news.html', 3_000);
    const scorer = new VisitorScorer(slow, 'university', b.visitor);
    const hits = b.events.flatMap((event) => scorer.apply(event));
    expect(hits).toEqual([]); // pages left after 3 s do not count at 5 s
  });

  it('does not believe a scroll to the bottom faster than a reader can scroll', () => {
    const flick = new Browsing('v-flick');
    flick.open('/admissions/graduates.html');
    for (const name of ['mba', 'finance', 'law']) {
      flick.open(`/admissions/graduates/programs/${name}.html`);
      flick.scroll(100, 0, 150);
    }
    expect(run(flick).hits).toEqual([]);
    const reader = new Browsing('v-scroller');
    reader.open('/admissions/graduates.html');
    for (const name of ['mba', 'finance']) {
      reader.open(`/admissions/graduates/programs/${name}.html`);
      reader.scroll(100, 0, 2_500);
    }
    expect(run(reader).sent).toEqual(['choosing-programme']);
  });

  it('bounds active time by the time the page has been open (server clock): a forged heartbeat is not dwell', () => {
    const forged = new Browsing('v-forged');
    forged.open('/admissions/requirements.html');
    for (let reversals = 1; reversals <= 5; reversals++) forged.scroll(40, reversals, 500);
    forged.heartbeat(181_000, 1_500); // 4 s after the page view
    expect(run(forged).hits).toEqual([]);
  });
});

describe('tabs, aliases and visits', () => {
  it('scores each tab’s page on its own: another tab’s page views do not wipe page evidence', () => {
    const b = new Browsing('v-tabs');
    b.open('/admissions/requirements.html');
    const lostPage = b.events.at(-1)!.page;
    let crossing: CollectedEvent | undefined;
    for (let i = 0; i < 13; i++) {
      b.switchTab('tab-1');
      crossing = b.scroll(40, i + 1, 15_000);
      b.heartbeat(15_000, 1);
      b.switchTab('tab-2');
      b.open(i % 2 === 0 ? '/news.html' : '/campus-life.html', 1);
    }
    const { hits } = run(b);
    expect(hits.map((h) => h.profile.id)).toEqual(['information-not-found']);
    expect(hits[0]!.event.page).toBe(lostPage);
    expect(crossing).toBeDefined();
  });

  it('a page left quickly in one tab is taken back, not one left open in another tab', () => {
    const b = new Browsing('v-two-tabs');
    b.open(scholarshipPages[0]!); // stays open in tab 1
    b.switchTab('tab-2');
    b.open(scholarshipPages[1]!, 200); // opened 200 ms later in another tab: tab 1 is not left
    b.open(scholarshipPages[2]!, 3_000);
    expect(run(b).sent).toEqual(['scholarship']);
  });

  it('counts aliases of a page (index file, trailing slash) as one page', () => {
    expect(normalisePath('/x/')).toBe('/x');
    expect(normalisePath('/x/index.html')).toBe('/x');
    expect(normalisePath('//x//default.aspx')).toBe('/x');
    expect(normalisePath('/')).toBe('/');
    expect(normalisePath('/index.php')).toBe('/');
    expect(normalisePath('/About/')).toBe('/About');
    expect(normalisePath('/About/', { ignoreCase: true })).toBe('/about');
    const b = new Browsing('v-aliases');
    b.open('/admissions/aid-scholarships/merit/');
    b.open('/admissions/aid-scholarships/merit/index.html');
    b.open('/admissions/aid-scholarships/merit');
    b.open('/admissions/aid-scholarships/need-based/');
    expect(run(b).hits).toEqual([]);
    b.open('/admissions/aid-scholarships/athletics/index.htm');
    expect(run(b).sent).toEqual(['scholarship']);
    // The section's own index is a page of `/admissions/aid-scholarships/**` too.
    const index = new Browsing('v-index');
    index.open('/admissions/aid-scholarships/');
    index.open('/admissions/aid-scholarships/index.html');
    index.open(scholarshipPages[0]!);
    expect(run(index).hits).toEqual([]);
    index.open(scholarshipPages[1]!);
    expect(run(index).sent).toEqual(['scholarship']);
  });

  it('folds case where the site says its paths ignore it', () => {
    const b = new Browsing('v-case');
    for (const page of scholarshipPages.slice(0, 2)) b.open(page);
    b.open(
      scholarshipPages[0]!
        .toUpperCase()
        .replace('/ADMISSIONS/AID-SCHOLARSHIPS', '/admissions/aid-scholarships'),
    );
    expect(run(b).sent).toEqual(['scholarship']); // two different pages as written
    expect(run(b, { ignoreCase: true }).hits).toEqual([]); // one page, twice, when case is ignored
  });

  it('ends evidence with the visit: a returning visitor starts again', () => {
    const b = new Browsing('v-returning');
    for (const page of scholarshipPages.slice(0, 2)) b.open(page);
    b.newVisit('session-2', 5 * 60_000);
    b.open(scholarshipPages[2]!);
    b.open('/news.html');
    expect(run(b).hits).toEqual([]);
  });

  it('does not score a late event of a visit that is over', () => {
    const b = new Browsing('v-late');
    for (const page of scholarshipPages.slice(0, 2)) b.open(page);
    b.newVisit('session-2', 60_000);
    b.open('/news.html');
    b.newVisit('session-1', 0); // the first visit's last page view, arriving late
    b.open(scholarshipPages[2]!);
    expect(run(b).hits).toEqual([]);
  });
});

// Types used only in the table above.
export type { ProfileConfig };
