import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertRuleInput, ProfileInput, SiteConfig } from '@sightline/contract';
import { SHOP_ORIGIN, UNIVERSITY_ORIGIN } from '@sightline/traffic';

/** The demo's two sites: the shop of the e-commerce study and the university of the assistant's. */
export const DEMO_SITES = (now: number): SiteConfig[] => [
  { key: 'shop', name: 'Maison (demo shop)', origins: [SHOP_ORIGIN], createdAt: now },
  {
    key: 'university',
    name: 'Al Akhawayn admissions (demo)',
    origins: [UNIVERSITY_ORIGIN],
    createdAt: now,
  },
];

/** The four profiles of the study, as the example pack ships them. */
export function universityProfiles(): ProfileInput[] {
  const path = join(
    import.meta.dirname,
    '..',
    '..',
    '..',
    '..',
    'examples',
    'university',
    'profiles.json',
  );
  return JSON.parse(readFileSync(path, 'utf8')) as ProfileInput[];
}

/** The shop's: a long look at a product without buying, and a checkout that stalls. */
export const SHOP_PROFILES: ProfileInput[] = [
  {
    id: 'hesitant-buyer',
    site: 'shop',
    name: 'Hesitating over a product',
    prior: 0.05,
    threshold: 0.7,
    evidence: [
      {
        id: 'long-look',
        when: { type: 'dwell', path: '/products/**', activeSeconds: 45 },
        lr: 20,
        scope: 'page',
      },
      { id: 'products-viewed', when: { type: 'view_item' }, lr: 1.5, max: 3 },
      { id: 'added-to-cart', when: { type: 'add_to_cart' }, lr: 0.1 },
    ],
    requires: ['long-look'],
    message: {
      text: 'Still deciding? Every piece comes with free delivery and 100 days to change your mind.',
      link: { url: '/delivery', label: 'Delivery and returns' },
    },
    holdout: 0.1,
  },
  {
    id: 'stalled-checkout',
    site: 'shop',
    name: 'Stuck at checkout',
    prior: 0.05,
    threshold: 0.7,
    evidence: [
      { id: 'checkout', when: { type: 'begin_checkout' }, lr: 6 },
      {
        id: 'long-checkout',
        when: { type: 'dwell', path: '/checkout', activeSeconds: 60 },
        lr: 8,
        scope: 'page',
      },
    ],
    requires: ['checkout', 'long-checkout'],
    priority: 20,
    message: {
      text: 'Need a hand with your order? Our team answers in minutes, and you can pay in three instalments.',
      link: { url: '/help/checkout', label: 'Get help' },
    },
  },
];

/** Seed 004's errors-per-minute alert, and the traffic spike owners ask for first. */
export const SHOP_ALERT_RULES: AlertRuleInput[] = [
  {
    id: 'error-burst',
    site: 'shop',
    name: 'More than 5 JavaScript errors a minute',
    metric: 'js_errors',
    windowMinutes: 1,
    condition: { kind: 'above', threshold: 5 },
    cooldownMinutes: 10,
  },
  {
    id: 'traffic-spike',
    site: 'shop',
    name: 'Page views up 50 % on the previous 5 minutes',
    metric: 'pageviews',
    windowMinutes: 5,
    condition: { kind: 'change', direction: 'up', percent: 50, against: 'previous_window' },
    cooldownMinutes: 15,
  },
];
