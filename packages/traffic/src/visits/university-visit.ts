import { someSource } from '../population/sources.js';
import type { Visitor } from '../population/visitor-pool.js';
import { between, chance, logNormal, pick, weighted, type Random } from '../random.js';
import {
  GENERAL,
  HOME,
  LEVELS,
  SCHOLARSHIPS,
  UNIVERSITY_ORIGIN,
  type SitePage,
} from '../sites/university-pages.js';
import { readPage, type Reading } from './page-events.js';
import type { PlannedPage, VisitPlan } from './visit-plan.js';

/** What a visitor came for: the four profiles of the study, or nothing in particular. */
export type Intent =
  'choosing-programme' | 'planning-to-apply' | 'scholarship' | 'information-not-found' | 'browsing';

const INTENTS: readonly (readonly [Intent, number])[] = [
  ['browsing', 62],
  ['choosing-programme', 12],
  ['planning-to-apply', 10],
  ['scholarship', 10],
  ['information-not-found', 6],
];

type Step = { page: SitePage } & Partial<Omit<Reading, 'url' | 'title'>>;

/**
 * A visit to the university site. Some visitors behave as one of the four profiles of the study
 * (so the assistant has someone to help), the rest browse news, campus life and requirements.
 */
export function planUniversityVisit(
  random: Random,
  visitor: Visitor,
  intent: Intent = weighted(random, INTENTS),
): VisitPlan {
  const source = someSource(random, 'university');
  const level = pick(random, [LEVELS.undergraduates, LEVELS.graduates]);
  const read = (median: number) => Math.round(Math.min(300_000, logNormal(random, median, 0.6)));
  let steps: Step[];
  switch (intent) {
    case 'choosing-programme': {
      const [a, b] = twoOf(random, level.programmes);
      steps = [
        { page: HOME },
        { page: level.list, depth: 75 },
        { page: a, depth: pick(random, [50, 75, 100]), dwellMs: read(40_000) },
        { page: b, depth: pick(random, [50, 75, 100]), dwellMs: read(40_000) },
      ];
      break;
    }
    case 'planning-to-apply':
      steps = [
        { page: level.list },
        { page: pick(random, level.programmes), dwellMs: read(30_000) },
        { page: level.fees, dwellMs: read(35_000), depth: 100 },
        { page: level.tests, dwellMs: read(30_000) },
      ];
      break;
    case 'scholarship': {
      const [a, b] = twoOf(random, SCHOLARSHIPS.slice(1));
      steps = [{ page: SCHOLARSHIPS[0]! }, { page: a }, { page: b }];
      break;
    }
    case 'information-not-found':
      // Over three minutes of active reading on one page, scrolling up and down.
      steps = [
        { page: HOME },
        {
          page: pick(random, [GENERAL[3]!, level.fees]),
          dwellMs: between(random, 190_000, 240_000),
          depth: 100,
          reversals: between(random, 4, 6),
          activeShare: 1,
        },
      ];
      break;
    case 'browsing': {
      const count = chance(random, 0.45) ? 1 : between(random, 2, 5);
      steps = Array.from({ length: count }, (_, i) => ({
        page: i === 0 && chance(random, 0.5) ? HOME : pick(random, GENERAL),
      }));
      break;
    }
  }
  const pages: PlannedPage[] = [];
  let referrer = source.referrer;
  for (const [i, { page, ...step }] of steps.entries()) {
    const base = `${UNIVERSITY_ORIGIN}${page.path}`;
    const url = i === 0 && source.query ? `${base}?${source.query}` : base;
    pages.push(
      readPage(random, {
        dwellMs: read(20_000),
        depth: pick(random, [25, 50, 75]),
        clicks: [{ tag: 'a', text: 'Next' }],
        ...step,
        url,
        title: `${page.title} — Al Akhawayn University`,
        ...(referrer ? { referrer } : {}),
        first: i === 0 && visitor.visits === 0,
      }),
    );
    referrer = url;
  }
  return { audience: 'university', visitor, pages };
}

function twoOf<T>(random: Random, items: readonly T[]): [T, T] {
  const first = Math.floor(random() * items.length);
  const second = (first + 1 + Math.floor(random() * (items.length - 1))) % items.length;
  return [items[first]!, items[second]!];
}
