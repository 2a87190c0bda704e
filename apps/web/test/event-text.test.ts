import type { CollectedEvent } from '@sightline/contract';
import { describe, expect, it } from 'vitest';
import { describeEvent } from '../app/ui/event-text.js';

const base = { id: 'e', visitor: 'v', session: 's', ts: 0, site: 'shop', v: 1 };
const say = (event: Record<string, unknown>) =>
  describeEvent({ ...base, ...event } as unknown as CollectedEvent);

describe('events in words', () => {
  it('say what was clicked, submitted or followed', () => {
    expect(
      say({
        type: 'click',
        tag: 'a',
        text: 'Pricing',
        href: 'https://shop.example/pricing',
        x: 1,
        y: 1,
      }),
    ).toBe('Clicked a “Pricing” → https://shop.example/pricing');
    expect(say({ type: 'click', tag: 'button', elementId: 'buy', x: 1, y: 1 })).toBe(
      'Clicked button #buy',
    );
    expect(say({ type: 'form_submit', formId: 'signup', fields: 3 })).toBe(
      'Submitted form #signup',
    );
    expect(say({ type: 'outbound', href: 'https://elsewhere.example/' })).toBe(
      'Left for https://elsewhere.example/',
    );
  });

  it('say which page, how far and what was bought', () => {
    expect(say({ type: 'pageview', path: '/docs', url: 'https://shop.example/docs' })).toBe(
      'Viewed /docs',
    );
    expect(say({ type: 'scroll', depth: 75 })).toBe('Scrolled to 75%');
    expect(say({ type: 'purchase', orderId: 'o-1', value: 20.5, currency: 'EUR' })).toBe(
      'Bought order o-1 for €20.50',
    );
    expect(say({ type: 'custom', name: 'signup', props: { plan: 'pro' } })).toBe(
      'Event “signup” plan=pro',
    );
  });

  it('cut long texts', () => {
    expect(say({ type: 'js_error', message: 'x'.repeat(200) })).toHaveLength(
      'Script error “'.length + 120 + '”'.length,
    );
  });
});
