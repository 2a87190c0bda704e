import { describe, expect, it } from 'vitest';
import { sameOriginPath } from '../app/ui/same-origin-path.js';

const origin = 'https://admin.example';

describe('the page to go to after signing in', () => {
  it('keeps a page of this app, with its query and hash', () => {
    expect(sameOriginPath('/sites/shop?range=24h#top', origin)).toBe('/sites/shop?range=24h#top');
    expect(sameOriginPath(null, origin)).toBe('/');
  });

  it('refuses whatever a browser would take to another site', () => {
    for (const next of [
      '//evil.example/',
      '/\\evil.example/',
      '/\\/evil.example/',
      '/\t/evil.example/',
      decodeURIComponent('/%09/evil.example/'),
      'https://evil.example/',
      'javascript:alert(1)',
      ' /x',
    ])
      expect(sameOriginPath(next, origin), next).toBe('/');
  });
});
