import { clientEvent } from '@sightline/contract';
import { describe, expect, it } from 'vitest';
import { VisitorPool } from '../src/population/visitor-pool.js';
import { seededRandom } from '../src/random.js';
import { DEMO_SCENARIO, momentAt } from '../src/run/scenario.js';
import { visitEvents } from '../src/visits/stamp-event.js';
import { PRODUCTS } from '../src/sites/shop-catalogue.js';
import { planShopVisit } from '../src/visits/shop-visit.js';
import { planUniversityVisit, type Intent } from '../src/visits/university-visit.js';
import type { EventBody, VisitPlan } from '../src/visits/visit-plan.js';

const ENVELOPE = {
  id: '0b6f8f5e-8a43-4d0e-9b7a-3b1c2d4e5f60',
  visitor: 'v1',
  session: 's1',
  ts: 1_767_225_600_000,
  url: 'https://shop.example/',
};

function plans(count: number, plan: (random: () => number, pool: VisitorPool) => VisitPlan) {
  const random = seededRandom(7);
  const pool = new VisitorPool('shop', random);
  return Array.from({ length: count }, () => plan(random, pool));
}
const bodies = (plan: VisitPlan): EventBody[] =>
  plan.pages.flatMap((page) => page.events.map((e) => e.body));

describe('shop visits', () => {
  const visits = plans(3_000, (random, pool) => planShopVisit(random, pool.visitor()));

  it('are made of events the contract accepts, each page starting with its page view', () => {
    for (const visit of visits.slice(0, 500)) {
      for (const page of visit.pages) {
        expect(page.events[0]!.body.type).toBe('pageview');
        expect(page.events.map((e) => e.at)).toEqual(
          [...page.events.map((e) => e.at)].sort((a, b) => a - b),
        );
        for (const { body } of page.events) {
          const parsed = clientEvent.safeParse({ ...ENVELOPE, url: page.url, ...body });
          expect(parsed.error?.issues ?? []).toEqual([]);
        }
      }
    }
  });

  it('bounce, browse, buy and linger in plausible shares', () => {
    const share = (test: (v: VisitPlan) => boolean) => visits.filter(test).length / visits.length;
    const bounce = share((v) => v.pages.length === 1);
    const buys = share((v) => bodies(v).some((b) => b.type === 'purchase'));
    const carts = share((v) => bodies(v).some((b) => b.type === 'add_to_cart'));
    expect(bounce).toBeGreaterThan(0.3);
    expect(bounce).toBeLessThan(0.55);
    expect(carts).toBeGreaterThan(buys);
    expect(buys).toBeGreaterThan(0.005);
    expect(buys).toBeLessThan(0.08);
    // Long looks at a product that end the visit without buying: the "potential customers".
    const lingering = visits.filter((v) =>
      v.pages.some((p) => p.url.includes('/products/') && p.dwellMs >= 60_000),
    );
    expect(lingering.length).toBeGreaterThan(0);
    expect(lingering.some((v) => !bodies(v).some((b) => b.type === 'purchase'))).toBe(true);
  });

  it('charge for what was put in the cart', () => {
    const bought = visits.flatMap((v) => bodies(v)).filter((b) => b.type === 'purchase');
    expect(bought.length).toBeGreaterThan(0);
    for (const purchase of bought) {
      const items = purchase.items ?? [];
      expect(items.length).toBeGreaterThan(0);
      expect(purchase.value).toBe(items.reduce((sum, i) => sum + (i.price ?? 0), 0));
      expect(purchase.currency).toBe('EUR');
    }
    expect(new Set(bought.map((p) => p.orderId)).size).toBe(bought.length);
  });

  it('favour a few products, as real shops see', () => {
    const views = new Map<string, number>();
    for (const body of visits.flatMap(bodies))
      if (body.type === 'view_item') {
        const id = body.items![0]!.id;
        views.set(id, (views.get(id) ?? 0) + 1);
      }
    const counts = [...views.values()].sort((a, b) => b - a);
    const total = counts.reduce((a, b) => a + b, 0);
    // The top fifth of the catalogue gets most of the product views.
    const top = counts.slice(0, Math.ceil(PRODUCTS.length / 5)).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThan(0.5);
  });

  it('bring visitors back: some visits are by someone who came before, a few are bots', () => {
    const ids = visits.map((v) => v.visitor.id);
    expect(new Set(ids).size).toBeLessThan(ids.length * 0.85);
    const bots = visits.filter((v) => v.visitor.bot).length / visits.length;
    expect(bots).toBeGreaterThan(0.005);
    expect(bots).toBeLessThan(0.05);
    // Each visitor's first page view ever, and only that one, is flagged as first.
    const firsts = new Map<string, number>();
    for (const visit of visits)
      for (const page of visit.pages) {
        const view = page.events[0]!.body;
        if (view.type === 'pageview' && view.first)
          firsts.set(visit.visitor.id, (firsts.get(visit.visitor.id) ?? 0) + 1);
      }
    expect(firsts.size).toBe(new Set(ids).size);
    expect([...firsts.values()].every((count) => count === 1)).toBe(true);
  });

  it('are the same for the same seed', () => {
    const strip = (v: VisitPlan) =>
      v.pages.map((p) => [p.url, p.dwellMs, bodies({ ...v, pages: [p] }).map((b) => b.type)]);
    const a = plans(50, (random, pool) => planShopVisit(random, pool.visitor()));
    const b = plans(50, (random, pool) => planShopVisit(random, pool.visitor()));
    expect(a.map(strip)).toEqual(b.map(strip));
  });
});

describe('university visits', () => {
  const random = seededRandom(11);
  const pool = new VisitorPool('university', random);
  const visit = (intent: Intent) => planUniversityVisit(random, pool.visitor(), intent);
  const paths = (v: VisitPlan) => v.pages.map((p) => new URL(p.url).pathname);

  it('follow the choosing-programme sequence: a list, then two programmes scrolled half-way', () => {
    const v = visit('choosing-programme');
    expect(paths(v)[1]).toMatch(/^\/admissions\/(undergraduates|graduates)\.html$/);
    const programmes = v.pages.filter((p) => p.url.includes('/programs/'));
    expect(new Set(programmes.map((p) => p.url)).size).toBe(2);
    for (const page of programmes)
      expect(page.events.some((e) => e.body.type === 'scroll' && e.body.depth >= 50)).toBe(true);
  });

  it('follow the planning-to-apply sequence: a programme, the fees, the admission tests', () => {
    const p = paths(visit('planning-to-apply'));
    expect(p.some((x) => x.includes('/programs/'))).toBe(true);
    expect(p.some((x) => x.includes('/tuition-fees'))).toBe(true);
    expect(p.some((x) => x.endsWith('/tests.html'))).toBe(true);
  });

  it('follow the scholarship sequence: three distinct pages on aid', () => {
    const p = paths(visit('scholarship')).filter((x) =>
      x.startsWith('/admissions/aid-scholarships/'),
    );
    expect(new Set(p).size).toBe(3);
  });

  it('show someone lost: over three minutes active on one page, scrolling back and forth', () => {
    const long = visit('information-not-found').pages.at(-1)!;
    const active = long.events.reduce(
      (sum, e) => sum + (e.body.type === 'heartbeat' ? e.body.activeMs : 0),
      0,
    );
    expect(active).toBeGreaterThanOrEqual(180_000);
    const reversals = long.events.map((e) =>
      e.body.type === 'scroll' ? (e.body.reversals ?? 0) : 0,
    );
    expect(Math.max(...reversals)).toBeGreaterThanOrEqual(4);
  });
});

describe('the demo scenario', () => {
  it('has a newsletter and an outage at their times, two minutes each, never together', () => {
    const minute = 60_000;
    const at = (m: number) => momentAt(m * minute, DEMO_SCENARIO);
    expect(at(0).newsletter).toBe(true);
    expect(at(1.9).newsletter).toBe(true);
    expect(at(2).newsletter).toBe(false);
    expect(at(15).outage).toBe(true);
    expect(at(17).outage).toBe(false);
    for (let m = 0; m < 120; m += 0.5) expect(at(m).newsletter && at(m).outage).toBe(false);
  });

  it('brings newsletter readers and, in an outage, errors on most visits', () => {
    const random = seededRandom(5);
    const pool = new VisitorPool('shop', random);
    const news = Array.from({ length: 200 }, () =>
      planShopVisit(random, pool.visitor(), { newsletter: true }),
    );
    expect(news.every((v) => v.pages[0]!.url.includes('utm_source=newsletter'))).toBe(true);
    const broken = Array.from({ length: 200 }, () =>
      planShopVisit(random, pool.visitor(), { outage: true }),
    );
    const withErrors = broken.filter((v) => bodies(v).some((b) => b.type === 'js_error'));
    expect(withErrors.length / broken.length).toBeGreaterThan(0.5);
    const calm = Array.from({ length: 200 }, () => planShopVisit(random, pool.visitor()));
    expect(calm.filter((v) => bodies(v).some((b) => b.type === 'js_error')).length).toBeLessThan(
      withErrors.length / 5,
    );
  });
});

describe('a visit as events', () => {
  it('are whole tracker events, in time order, numbered within each page', () => {
    const random = seededRandom(21);
    const pool = new VisitorPool('shop', random);
    for (let i = 0; i < 200; i++) {
      const plan = planShopVisit(random, pool.visitor());
      const events = visitEvents(plan, 1_767_225_600_000);
      expect(events).toHaveLength(plan.pages.reduce((n, p) => n + p.events.length, 0));
      for (const event of events)
        expect(clientEvent.safeParse(event).error?.issues ?? []).toEqual([]);
      expect(events.map((e) => e.ts)).toEqual([...events.map((e) => e.ts)].sort((a, b) => a - b));
      expect(new Set(events.map((e) => e.session)).size).toBe(1);
      const pages = [...new Set(events.map((e) => e.page))];
      expect(pages).toHaveLength(plan.pages.length);
      for (const page of pages)
        expect(events.filter((e) => e.page === page).map((e) => e.seq)).toEqual(
          events.filter((e) => e.page === page).map((_, i) => i),
        );
    }
  });
});
