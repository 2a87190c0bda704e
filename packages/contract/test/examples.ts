import type { ClientEvent, EventType } from '../src/index.js';
import { LIMITS } from '../src/index.js';

/** Fields every example shares; each example overrides what it needs. */
export const base = {
  id: '0b6f8f5e-8a43-4d0e-9b7a-3b1c2d4e5f60',
  visitor: 'v_8f3a2b',
  session: 's_41c9',
  page: 'p_1',
  ts: 1_767_225_600_000,
  seq: 3,
  url: 'https://shop.example/products/lamp?color=red',
  path: '/products/lamp',
  referrer: 'https://www.google.com/',
  title: 'Lamp — Example Shop',
  lang: 'en-GB',
  tz: 'Europe/London',
  screen: '1920x1080',
  viewport: '1280x720',
};

const long = (length: number) => 'x'.repeat(length + 1);

export const validExamples: { [T in EventType]: Extract<ClientEvent, { type: T }> } = {
  pageview: { ...base, type: 'pageview', spa: false, first: true },
  click: {
    ...base,
    type: 'click',
    x: 640,
    y: 1200,
    pageWidth: 1280,
    pageHeight: 4000,
    tag: 'button',
    elementId: 'buy',
    classes: 'btn btn-primary',
    text: 'Buy now',
    selector: 'main > form#checkout > button#buy',
  },
  scroll: { ...base, type: 'scroll', depth: 50, milestone: 50, direction: 'down', reversals: 2 },
  form_submit: {
    ...base,
    type: 'form_submit',
    formId: 'signup',
    formName: 'signup',
    formAction: 'https://shop.example/signup',
    fields: 3,
  },
  cursor: {
    ...base,
    type: 'cursor',
    points: [
      [10, 20, 0],
      [15, 24, 50],
      [40, 60, 100],
    ],
  },
  media_play: {
    ...base,
    type: 'media_play',
    kind: 'video',
    src: 'https://cdn.example/a.mp4',
    position: 0,
    duration: 120,
  },
  media_pause: { ...base, type: 'media_pause', kind: 'audio', mediaId: 'podcast', position: 33.5 },
  media_complete: {
    ...base,
    type: 'media_complete',
    kind: 'video',
    mediaId: 'intro',
    position: 120,
    duration: 120,
  },
  download: {
    ...base,
    type: 'download',
    href: 'https://shop.example/catalogue.pdf',
    extension: 'pdf',
    text: 'Catalogue',
  },
  outbound: { ...base, type: 'outbound', href: 'https://partner.example/', text: 'Partner' },
  image_view: {
    ...base,
    type: 'image_view',
    src: 'https://shop.example/lamp.jpg',
    alt: 'A lamp',
    width: 600,
    height: 400,
  },
  js_error: {
    ...base,
    type: 'js_error',
    message: 'TypeError: x is undefined',
    source: 'https://shop.example/app.js',
    line: 10,
    column: 4,
    stack: 'at f (app.js:10:4)',
  },
  heartbeat: { ...base, type: 'heartbeat', visibleMs: 15_000, activeMs: 9_000 },
  custom: {
    ...base,
    type: 'custom',
    name: 'newsletter_signup',
    props: { plan: 'pro', seats: 3, trial: true, coupon: null },
  },
  view_item: {
    ...base,
    type: 'view_item',
    items: [{ id: 'lamp-1', name: 'Lamp', category: 'lighting', price: 49.9 }],
    value: 49.9,
    currency: 'EUR',
  },
  add_to_cart: {
    ...base,
    type: 'add_to_cart',
    items: [{ id: 'lamp-1', price: 49.9, quantity: 2 }],
    value: 99.8,
    currency: 'EUR',
  },
  begin_checkout: { ...base, type: 'begin_checkout', value: 99.8, currency: 'EUR' },
  purchase: {
    ...base,
    type: 'purchase',
    orderId: 'order-1001',
    value: 99.8,
    currency: 'EUR',
    items: [{ id: 'lamp-1', quantity: 2, price: 49.9 }],
  },
  identify: {
    ...base,
    type: 'identify',
    userId: 'user-42',
    traits: { plan: 'pro', city: 'Leeds' },
  },
  assistance_shown: { ...base, type: 'assistance_shown', messageId: 'm1', profileId: 'graduate' },
  assistance_clicked: {
    ...base,
    type: 'assistance_clicked',
    messageId: 'm1',
    profileId: 'graduate',
  },
  assistance_dismissed: {
    ...base,
    type: 'assistance_dismissed',
    messageId: 'm1',
    profileId: 'graduate',
    never: true,
  },
};

export interface InvalidExample {
  why: string;
  event: Record<string, unknown>;
  /** The dotted path the rejection must point at. */
  path: string;
}

const without = <T extends object>(value: T, key: keyof T): Record<string, unknown> => {
  const copy = { ...value } as Record<string, unknown>;
  delete copy[key as string];
  return copy;
};

/** Envelope mistakes apply to every type; each type also has mistakes of its own. */
const envelopeMistakes = (valid: ClientEvent): InvalidExample[] => [
  { why: 'id is not a UUID', event: { ...valid, id: 'not-a-uuid' }, path: 'id' },
  { why: 'visitor is missing', event: without(valid, 'visitor'), path: 'visitor' },
  { why: 'ts is not an integer', event: { ...valid, ts: 'yesterday' }, path: 'ts' },
  { why: 'url is over the limit', event: { ...valid, url: long(LIMITS.urlLength) }, path: 'url' },
];

export const invalidExamples: { [T in EventType]: InvalidExample[] } = {
  pageview: [
    { why: 'spa is not a boolean', event: { ...validExamples.pageview, spa: 'yes' }, path: 'spa' },
  ],
  click: [
    { why: 'x is fractional', event: { ...validExamples.click, x: 1.5 }, path: 'x' },
    { why: 'tag is missing', event: without(validExamples.click, 'tag'), path: 'tag' },
    {
      why: 'text is over the limit',
      event: { ...validExamples.click, text: long(LIMITS.textLength) },
      path: 'text',
    },
  ],
  scroll: [
    { why: 'depth over 100', event: { ...validExamples.scroll, depth: 140 }, path: 'depth' },
    {
      why: 'unknown direction',
      event: { ...validExamples.scroll, direction: 'left' },
      path: 'direction',
    },
    {
      why: 'milestone not a quarter',
      event: { ...validExamples.scroll, milestone: 30 },
      path: 'milestone',
    },
  ],
  form_submit: [
    {
      why: 'formId is a number',
      event: { ...validExamples.form_submit, formId: 7 },
      path: 'formId',
    },
    {
      why: 'fields is negative',
      event: { ...validExamples.form_submit, fields: -1 },
      path: 'fields',
    },
  ],
  cursor: [
    { why: 'no points', event: { ...validExamples.cursor, points: [] }, path: 'points' },
    {
      why: 'a point has two coordinates only',
      event: { ...validExamples.cursor, points: [[1, 2]] },
      path: 'points.0',
    },
    {
      why: 'too many points',
      event: {
        ...validExamples.cursor,
        points: Array.from({ length: LIMITS.cursorPoints + 1 }, () => [1, 2, 3]),
      },
      path: 'points',
    },
  ],
  media_play: [
    {
      why: 'unknown media kind',
      event: { ...validExamples.media_play, kind: 'gif' },
      path: 'kind',
    },
    {
      why: 'negative position',
      event: { ...validExamples.media_play, position: -3 },
      path: 'position',
    },
  ],
  media_pause: [
    { why: 'kind is missing', event: without(validExamples.media_pause, 'kind'), path: 'kind' },
  ],
  media_complete: [
    {
      why: 'duration is a string',
      event: { ...validExamples.media_complete, duration: '2m' },
      path: 'duration',
    },
  ],
  download: [
    { why: 'href is missing', event: without(validExamples.download, 'href'), path: 'href' },
    {
      why: 'extension over the limit',
      event: { ...validExamples.download, extension: long(LIMITS.extensionLength) },
      path: 'extension',
    },
  ],
  outbound: [
    { why: 'href is missing', event: without(validExamples.outbound, 'href'), path: 'href' },
  ],
  image_view: [
    { why: 'src is missing', event: without(validExamples.image_view, 'src'), path: 'src' },
    {
      why: 'width is fractional',
      event: { ...validExamples.image_view, width: 1.2 },
      path: 'width',
    },
  ],
  js_error: [
    {
      why: 'message is missing',
      event: without(validExamples.js_error, 'message'),
      path: 'message',
    },
    {
      why: 'stack over the limit',
      event: { ...validExamples.js_error, stack: long(LIMITS.errorStackLength) },
      path: 'stack',
    },
  ],
  heartbeat: [
    {
      why: 'activeMs is missing',
      event: without(validExamples.heartbeat, 'activeMs'),
      path: 'activeMs',
    },
    {
      why: 'visibleMs over an hour',
      event: { ...validExamples.heartbeat, visibleMs: 3_600_001 },
      path: 'visibleMs',
    },
  ],
  custom: [
    { why: 'empty name', event: { ...validExamples.custom, name: '' }, path: 'name' },
    {
      why: 'a nested property value',
      event: { ...validExamples.custom, props: { a: { b: 1 } } },
      path: 'props.a',
    },
    {
      why: 'too many properties',
      event: {
        ...validExamples.custom,
        props: Object.fromEntries(
          Array.from({ length: LIMITS.properties + 1 }, (_, i) => [`k${i}`, i]),
        ),
      },
      path: 'props',
    },
  ],
  view_item: [
    {
      why: 'an item without id',
      event: { ...validExamples.view_item, items: [{ name: 'Lamp' }] },
      path: 'items.0.id',
    },
    {
      why: 'lower-case currency',
      event: { ...validExamples.view_item, currency: 'eur' },
      path: 'currency',
    },
  ],
  add_to_cart: [
    {
      why: 'zero quantity',
      event: { ...validExamples.add_to_cart, items: [{ id: 'a', quantity: 0 }] },
      path: 'items.0.quantity',
    },
  ],
  begin_checkout: [
    { why: 'negative value', event: { ...validExamples.begin_checkout, value: -1 }, path: 'value' },
  ],
  purchase: [
    {
      why: 'orderId is missing',
      event: without(validExamples.purchase, 'orderId'),
      path: 'orderId',
    },
    { why: 'value is missing', event: without(validExamples.purchase, 'value'), path: 'value' },
    {
      why: 'currency is missing',
      event: without(validExamples.purchase, 'currency'),
      path: 'currency',
    },
  ],
  identify: [
    { why: 'userId is missing', event: without(validExamples.identify, 'userId'), path: 'userId' },
    {
      why: 'a trait value over the limit',
      event: { ...validExamples.identify, traits: { bio: long(LIMITS.propertyValueLength) } },
      path: 'traits.bio',
    },
  ],
  assistance_shown: [
    {
      why: 'messageId is missing',
      event: without(validExamples.assistance_shown, 'messageId'),
      path: 'messageId',
    },
  ],
  assistance_clicked: [
    {
      why: 'profileId has spaces',
      event: { ...validExamples.assistance_clicked, profileId: 'a b' },
      path: 'profileId',
    },
  ],
  assistance_dismissed: [
    {
      why: 'never is a string',
      event: { ...validExamples.assistance_dismissed, never: 'true' },
      path: 'never',
    },
  ],
};

export function allInvalidExamples(type: EventType): InvalidExample[] {
  return [...envelopeMistakes(validExamples[type]), ...invalidExamples[type]];
}
