import { randomUUID } from 'node:crypto';
import { someSource, type Source } from '../population/sources.js';
import type { Visitor } from '../population/visitor-pool.js';
import { between, chance, logNormal, pick, weighted, zipf, type Random } from '../random.js';
import {
  CATEGORIES,
  categoryUrl,
  PRODUCTS,
  productUrl,
  SEARCHES,
  SHOP_CURRENCY,
  SHOP_ORIGIN,
  type Product,
} from '../sites/shop-catalogue.js';
import { maybeError, readPage, type Reading } from './page-events.js';
import type { PlannedEvent, PlannedPage, VisitPlan } from './visit-plan.js';

type Place =
  | { kind: 'home' }
  | { kind: 'category'; category: string }
  | { kind: 'product'; product: Product }
  | { kind: 'search'; query: string }
  | { kind: 'cart' }
  | { kind: 'checkout' }
  | { kind: 'thanks'; orderId: string }
  | { kind: 'leave' };

const MAX_PAGES = 14;
/** Share of visits that see one page and leave. */
const BOUNCE = 0.38;

const popularProduct = (random: Random) => PRODUCTS[zipf(random, PRODUCTS.length)]!;
const item = (product: Product) => ({
  id: product.id,
  name: product.name,
  category: product.category,
  price: product.price,
  quantity: 1,
});

/**
 * A visit to the furniture shop: landing from a search engine, social network, newsletter or ad;
 * browsing categories and products (a few products get most views); now and then a search, a
 * cart, a checkout and a purchase; long looks at products that end without buying (the study's
 * "potential customers"); newsletter sign-ups, assembly guides, product videos, rare script errors.
 */
/** What is going on at the shop when a visit starts (the demo's scenario). */
export interface ShopMoment {
  /** A newsletter just went out: visits come from it. */
  newsletter?: boolean;
  /** A broken release: the catalogue's script fails on most pages. */
  outage?: boolean;
}

const NEWSLETTER: Source = {
  query: 'utm_source=newsletter&utm_medium=email&utm_campaign=winter-sale',
};
const CATALOGUE_ERROR = {
  message: "TypeError: Cannot read properties of undefined (reading 'filters')",
  source: `${SHOP_ORIGIN}/assets/catalogue.js`,
  line: 214,
};

export function planShopVisit(
  random: Random,
  visitor: Visitor,
  moment: ShopMoment = {},
): VisitPlan {
  const source = moment.newsletter ? NEWSLETTER : someSource(random, 'shop');
  const errorRate = (usual: number) => (moment.outage ? 0.9 : usual);
  const cart: Product[] = [];
  const pages: PlannedPage[] = [];
  let place: Place = weighted<Place>(random, [
    [{ kind: 'home' }, 35],
    [{ kind: 'category', category: pick(random, CATEGORIES) }, 25],
    [{ kind: 'product', product: popularProduct(random) }, 40],
  ]);
  const bounce = chance(random, BOUNCE);
  let referrer = source.referrer;
  while (place.kind !== 'leave' && pages.length < MAX_PAGES) {
    const first = pages.length === 0;
    const [reading, next] = visitPlace(random, place, cart, bounce && first, errorRate);
    const url = first && source.query ? `${reading.url}?${source.query}` : reading.url;
    pages.push(
      readPage(random, {
        ...reading,
        url,
        ...(referrer ? { referrer } : {}),
        first: first && visitor.visits === 0,
      }),
    );
    referrer = url;
    place = bounce ? { kind: 'leave' } : next;
  }
  return { audience: 'shop', visitor, pages };
}

function visitPlace(
  random: Random,
  place: Exclude<Place, { kind: 'leave' }>,
  cart: Product[],
  bouncing: boolean,
  errorRate: (usual: number) => number,
): [Omit<Reading, 'first'>, Place] {
  const dwell = (median: number) => Math.round(Math.min(600_000, logNormal(random, median)));
  switch (place.kind) {
    case 'home': {
      const dwellMs = dwell(bouncing ? 6_000 : 14_000);
      const extra: PlannedEvent[] = chance(random, 0.03)
        ? [{ at: dwellMs - 500, body: { type: 'form_submit', formId: 'newsletter', fields: 1 } }]
        : [];
      return [
        {
          url: `${SHOP_ORIGIN}/`,
          title: 'Maison — furniture for every room',
          dwellMs,
          depth: bouncing
            ? 25
            : weighted(random, [
                [50, 2],
                [75, 2],
                [100, 1],
              ]),
          clicks: bouncing ? [] : [{ tag: 'a', text: 'Shop now' }],
          extra,
        },
        weighted<Place>(random, [
          [{ kind: 'category', category: pick(random, CATEGORIES) }, 60],
          [{ kind: 'search', query: pick(random, SEARCHES) }, 15],
          [{ kind: 'product', product: popularProduct(random) }, 15],
          [{ kind: 'leave' }, 10],
        ]),
      ];
    }
    case 'category':
      return [
        {
          url: categoryUrl(place.category),
          title: `${place.category[0]!.toUpperCase()}${place.category.slice(1)} — Maison`,
          dwellMs: dwell(bouncing ? 7_000 : 18_000),
          depth: weighted(random, [
            [25, 1],
            [50, 2],
            [75, 3],
            [100, 2],
          ]),
          clicks: [{ tag: 'a', text: 'View product' }],
          extra: maybeError(random, errorRate(0.01), 5_000, CATALOGUE_ERROR),
        },
        weighted<Place>(random, [
          [{ kind: 'product', product: productIn(random, place.category) }, 75],
          [{ kind: 'category', category: pick(random, CATEGORIES) }, 10],
          [{ kind: 'leave' }, 15],
        ]),
      ];
    case 'search': {
      const found = PRODUCTS.find((p) => p.name.toLowerCase().includes(place.query));
      return [
        {
          url: `${SHOP_ORIGIN}/search?q=${encodeURIComponent(place.query)}`,
          title: `Search: ${place.query} — Maison`,
          dwellMs: dwell(8_000),
          depth: 50,
          clicks: [{ tag: 'a', text: found?.name ?? 'Result' }],
          extra: [
            { at: 300, body: { type: 'custom', name: 'search', props: { query: place.query } } },
          ],
        },
        found ? { kind: 'product', product: found } : { kind: 'home' },
      ];
    }
    case 'product':
      return productPage(random, place.product, cart, bouncing, dwell, errorRate);
    case 'cart':
      return [
        {
          url: `${SHOP_ORIGIN}/cart`,
          title: 'Your cart — Maison',
          dwellMs: dwell(15_000),
          depth: 50,
          clicks: [{ tag: 'button', text: 'Checkout' }],
        },
        chance(random, 0.6)
          ? { kind: 'checkout' }
          : weighted<Place>(random, [
              [{ kind: 'product', product: popularProduct(random) }, 1],
              [{ kind: 'leave' }, 2],
            ]),
      ];
    case 'checkout': {
      const dwellMs = dwell(60_000);
      const value = cart.reduce((sum, p) => sum + p.price, 0);
      const buys = chance(random, 0.65);
      return [
        {
          url: `${SHOP_ORIGIN}/checkout`,
          title: 'Checkout — Maison',
          dwellMs,
          depth: 100,
          activeShare: 0.9,
          clicks: [{ tag: 'button', text: 'Pay now' }],
          extra: [
            {
              at: 200,
              body: {
                type: 'begin_checkout',
                items: cart.map(item),
                value,
                currency: SHOP_CURRENCY,
              },
            },
            ...(buys
              ? [
                  {
                    at: dwellMs - 300,
                    body: { type: 'form_submit' as const, formId: 'checkout', fields: 9 },
                  },
                ]
              : []),
            ...maybeError(random, 0.02, dwellMs, {
              message: 'Error: payment widget failed to load',
              source: `${SHOP_ORIGIN}/assets/checkout.js`,
              line: 88,
            }),
          ],
        },
        buys ? { kind: 'thanks', orderId: `o-${randomUUID()}` } : { kind: 'leave' },
      ];
    }
    case 'thanks':
      return [
        {
          url: `${SHOP_ORIGIN}/checkout/thank-you`,
          title: 'Thank you for your order — Maison',
          dwellMs: dwell(10_000),
          depth: 75,
          extra: [
            {
              at: 100,
              body: {
                type: 'purchase',
                orderId: place.orderId,
                items: cart.map(item),
                value: cart.reduce((sum, p) => sum + p.price, 0),
                currency: SHOP_CURRENCY,
              },
            },
          ],
        },
        { kind: 'leave' },
      ];
  }
}

function productIn(random: Random, category: string): Product {
  const inCategory = PRODUCTS.filter((p) => p.category === category);
  return inCategory[zipf(random, inCategory.length)]!;
}

function productPage(
  random: Random,
  product: Product,
  cart: Product[],
  bouncing: boolean,
  dwell: (median: number) => number,
  errorRate: (usual: number) => number,
): [Omit<Reading, 'first'>, Place] {
  // One look in ten is long and ends without a purchase: the "potential customers".
  const lingering = !bouncing && chance(random, 0.1);
  const dwellMs = lingering ? between(random, 60_000, 150_000) : dwell(bouncing ? 9_000 : 25_000);
  const url = productUrl(product);
  const adds = !bouncing && !lingering && chance(random, 0.18);
  const extra: PlannedEvent[] = [
    {
      at: 150,
      body: {
        type: 'view_item',
        items: [item(product)],
        value: product.price,
        currency: SHOP_CURRENCY,
      },
    },
  ];
  extra.push(...maybeError(random, errorRate(0), 2_000, CATALOGUE_ERROR));
  if (chance(random, 0.4))
    extra.push({
      at: 1_500,
      body: {
        type: 'image_view',
        src: `${SHOP_ORIGIN}/images/${product.id}-2.jpg`,
        alt: product.name,
        width: 800,
        height: 600,
      },
    });
  if (!bouncing && chance(random, 0.06)) {
    const video = {
      kind: 'video' as const,
      src: `${SHOP_ORIGIN}/videos/${product.id}.mp4`,
      mediaId: `${product.id}-video`,
      duration: 45,
    };
    extra.push({ at: 3_000, body: { type: 'media_play', ...video, position: 0 } });
    if (dwellMs > 50_000 && chance(random, 0.5))
      extra.push({ at: 48_000, body: { type: 'media_complete', ...video, position: 45 } });
  }
  if (!bouncing && chance(random, 0.03))
    extra.push({
      at: Math.round(dwellMs * 0.7),
      body: {
        type: 'download',
        href: `${SHOP_ORIGIN}/guides/${product.id}-assembly.pdf`,
        extension: 'pdf',
        text: 'Assembly guide',
      },
    });
  if (!bouncing && chance(random, 0.01))
    extra.push({
      at: Math.round(dwellMs * 0.8),
      body: {
        type: 'outbound',
        href: `https://www.pinterest.com/pin/create/button/?url=${encodeURIComponent(url)}`,
        text: 'Pin it',
      },
    });
  if (adds) {
    cart.push(product);
    extra.push({
      at: Math.round(dwellMs * 0.85),
      body: {
        type: 'add_to_cart',
        items: [item(product)],
        value: product.price,
        currency: SHOP_CURRENCY,
      },
    });
  }
  const next: Place = adds
    ? chance(random, 0.55)
      ? { kind: 'cart' }
      : { kind: 'category', category: pick(random, CATEGORIES) }
    : lingering
      ? { kind: 'leave' }
      : weighted<Place>(random, [
          [{ kind: 'product', product: popularProduct(random) }, 35],
          [{ kind: 'category', category: product.category }, 25],
          [{ kind: 'cart' }, cart.length > 0 ? 15 : 0],
          [{ kind: 'leave' }, 30],
        ]);
  return [
    {
      url,
      title: `${product.name} — Maison`,
      dwellMs,
      depth: lingering
        ? 100
        : weighted(random, [
            [25, 2],
            [50, 3],
            [75, 3],
            [100, 2],
          ]),
      activeShare: lingering ? 0.8 : 0.55,
      clicks: adds
        ? [{ tag: 'button', text: 'Add to cart' }]
        : [{ tag: 'img', text: product.name }],
      extra,
    },
    next,
  ];
}
