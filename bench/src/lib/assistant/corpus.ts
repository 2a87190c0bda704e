import { pick, seededRandom } from '@sightline/traffic';

/**
 * A labelled corpus of scripted visits to the university demo site, for the assistant's
 * precision and recall: clear matches of its four profiles, and visits that should trigger
 * nothing — near misses, bots, speed-clickers, aliases of one page, returning visitors — with
 * matches and non-matches also browsed in several tabs. Seeded: the same seed, the same corpus.
 */

/** What a step does, in the tab `tab` of the visit. */
export type Action =
  | { kind: 'open'; path: string }
  | { kind: 'scroll'; depth: number; reversals?: number }
  | { kind: 'heartbeat'; activeMs: number }
  | { kind: 'new-visit' };

export interface Step {
  /** Wait before the step, ms. */
  afterMs: number;
  tab: number;
  action: Action;
}

export type VisitKind =
  | 'match'
  | 'match in two tabs'
  | 'near miss'
  | 'bot'
  | 'speed-clicker'
  | 'aliases'
  | 'returning visitor';

export interface ScriptedVisit {
  name: string;
  kind: VisitKind;
  /** The profile that should fire (once), or null for none. */
  expected: string | null;
  userAgent: string;
  steps: Step[];
}

export const HUMAN_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
export const BOT_UAS = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'python-requests/2.32.3',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
];

const SCHOLARSHIPS = ['merit', 'need-based', 'athletics', 'apply'].map(
  (p) => `/admissions/aid-scholarships/${p}.html`,
);
const LEVELS = ['undergraduates', 'graduates'] as const;
const PROGRAMMES = {
  undergraduates: ['business-administration', 'computer-science', 'engineering'],
  graduates: ['mba', 'human-resource-development'],
};
const ELSEWHERE = ['/index.html', '/news.html', '/campus-life.html', '/admissions/videos.html'];

/** The steps of one visit, built with a reader's (or a script's) pace. */
class Script {
  readonly steps: Step[] = [];
  constructor(
    private readonly rand: () => number,
    /** Time on a page before the next step: [min, max) ms. */
    private readonly pace: [number, number],
  ) {}

  private wait(): number {
    const [min, max] = this.pace;
    return Math.round(min + this.rand() * (max - min));
  }

  open(path: string, tab = 0, afterMs = this.wait()): this {
    this.steps.push({ afterMs, tab, action: { kind: 'open', path } });
    return this;
  }

  scroll(depth: number, tab = 0, afterMs = this.wait(), reversals?: number): this {
    this.steps.push({
      afterMs,
      tab,
      action: { kind: 'scroll', depth, ...(reversals ? { reversals } : {}) },
    });
    return this;
  }

  /** Reading a page: heartbeats of 15 s of activity, with scroll reversals between. */
  read(seconds: number, reversals: number, tab = 0): this {
    let done = 0;
    let reversed = 0;
    while (done < seconds) {
      // A heartbeat every 15 s of the page's clock, a scroll reversal a second into some of them.
      const scrolled = reversed < reversals;
      if (scrolled) this.scroll(40, tab, 1_000, ++reversed);
      this.steps.push({
        afterMs: scrolled ? 14_000 : 15_000,
        tab,
        action: { kind: 'heartbeat', activeMs: 15_000 },
      });
      done += 15;
    }
    return this;
  }

  newVisit(afterMs = 1_000): this {
    this.steps.push({ afterMs, tab: 0, action: { kind: 'new-visit' } });
    return this;
  }
}

const shuffled = <T>(rand: () => number, list: readonly T[]): T[] =>
  [...list]
    .map((item) => ({ item, key: rand() }))
    .sort((a, b) => a.key - b.key)
    .map((e) => e.item);

/** The profile-completing browsing of each profile (its last step completes it). */
type Pattern = (s: Script, rand: () => number, tab?: number) => Script;
const PATTERNS: Record<string, Pattern> = {
  scholarship: (s, rand, tab = 0) => {
    for (const page of shuffled(rand, SCHOLARSHIPS).slice(0, 3)) s.open(page, tab);
    return s;
  },
  'planning-to-apply': (s, rand, tab = 0) => {
    const level = pick(rand, LEVELS);
    s.open(`/admissions/${level}/programs/${pick(rand, PROGRAMMES[level])}.html`, tab);
    s.open(`/admissions/${level}/tuition-fees.html`, tab);
    return s.open(`/admissions/${level}/tests.html`, tab);
  },
  'choosing-programme': (s, rand, tab = 0) => {
    const level = pick(rand, LEVELS);
    s.open(`/admissions/${level}.html`, tab);
    for (const programme of shuffled(rand, PROGRAMMES[level]).slice(0, 2)) {
      s.open(`/admissions/${level}/programs/${programme}.html`, tab);
      s.scroll(30, tab).scroll(60, tab);
    }
    return s;
  },
  'information-not-found': (s, _rand, tab = 0) =>
    s.open('/admissions/requirements.html', tab).read(180, 5, tab),
};

/** One step short of each profile. */
const NEAR_MISSES: Record<string, Pattern> = {
  scholarship: (s, rand) => {
    for (const page of shuffled(rand, SCHOLARSHIPS).slice(0, 2)) s.open(page);
    return s.open(pick(rand, ELSEWHERE));
  },
  'planning-to-apply': (s, rand) => {
    const level = pick(rand, LEVELS);
    s.open(`/admissions/${level}/programs/${pick(rand, PROGRAMMES[level])}.html`);
    return s.open(`/admissions/${level}/tuition-fees.html`).open(pick(rand, ELSEWHERE));
  },
  'choosing-programme': (s, rand) => {
    const level = pick(rand, LEVELS);
    s.open(`/admissions/${level}.html`);
    const [first, second] = shuffled(rand, PROGRAMMES[level]);
    s.open(`/admissions/${level}/programs/${first}.html`).scroll(30).scroll(60);
    return s.open(`/admissions/${level}/programs/${second}.html`).scroll(30); // not half-way
  },
  'information-not-found': (s) => s.open('/admissions/requirements.html').read(60, 5),
};

/**
 * The corpus: `perProfile` visits of each kind per profile where the kind applies.
 * Matches are browsed at a reader's pace (1.5–4 s a page); speed-clickers 60–150 ms apart.
 */
export function assistantCorpus(seed = 1, perProfile = 4): ScriptedVisit[] {
  const rand = seededRandom(seed);
  const visits: ScriptedVisit[] = [];
  const reader = (): Script => new Script(rand, [1_500, 4_000]);
  const add = (kind: VisitKind, expected: string | null, script: Script, userAgent = HUMAN_UA) =>
    visits.push({
      name: `${kind} ${expected ?? ''} ${visits.length}`.replace(/\s+/g, ' '),
      kind,
      expected,
      userAgent,
      steps: script.steps,
    });
  for (const [profile, pattern] of Object.entries(PATTERNS)) {
    // Dwell-based visits last three minutes: fewer of them.
    const count = profile === 'information-not-found' ? Math.ceil(perProfile / 2) : perProfile;
    for (let i = 0; i < count; i++) {
      add('match', profile, pattern(reader().open(pick(rand, ELSEWHERE)), rand));
      // The same in one tab while another tab of the site is browsed.
      const tabs = reader().open(pick(rand, ELSEWHERE), 1);
      for (const path of shuffled(rand, ELSEWHERE).slice(0, 2)) tabs.open(path, 1);
      add('match in two tabs', profile, pattern(tabs, rand, 0).open(pick(rand, ELSEWHERE), 1));
      add('near miss', null, NEAR_MISSES[profile]!(reader(), rand));
      if (profile !== 'information-not-found') {
        add('bot', null, pattern(reader(), rand), BOT_UAS[i % BOT_UAS.length]);
        add('speed-clicker', null, pattern(new Script(rand, [60, 150]), rand));
      }
    }
  }
  for (let i = 0; i < perProfile; i++) {
    // One page under three spellings, then one more: two pages, not four.
    const alias = reader();
    const [page, other] = shuffled(rand, ['merit', 'need-based', 'athletics']);
    for (const spelling of [`${page}/`, `${page}/index.html`, `${page}`])
      alias.open(`/admissions/aid-scholarships/${spelling}`);
    add('aliases', null, alias.open(`/admissions/aid-scholarships/${other}.html`));
    // Two scholarship pages last visit, one this visit.
    const back = reader();
    const pages = shuffled(rand, SCHOLARSHIPS);
    back.open(pages[0]!).open(pages[1]!).newVisit().open(pages[2]!).open(pick(rand, ELSEWHERE));
    add('returning visitor', null, back);
    // Scrolled to the bottom of two programmes in a blink each.
    const level = pick(rand, LEVELS);
    const flick = reader().open(`/admissions/${level}.html`);
    for (const programme of PROGRAMMES[level])
      flick.open(`/admissions/${level}/programs/${programme}.html`).scroll(100, 0, 120);
    add('speed-clicker', null, flick);
  }
  return visits;
}
