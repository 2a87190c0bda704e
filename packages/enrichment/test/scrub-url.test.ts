import { describe, expect, it } from 'vitest';
import { denySet, scrubEventUrls, scrubUrl } from '../src/scrub-url.js';

describe('scrubEventUrls', () => {
  it('scrubs every field of an event that holds a URL, and leaves the others', () => {
    const event: Record<string, unknown> = {
      type: 'click',
      url: 'https://shop.example/account?email=ann@mail.example',
      referrer: 'https://mail.example/?token=t0k',
      href: 'https://shop.example/unsubscribe?mail=ann%40mail.example&list=7',
      path: '/users/ann@mail.example',
      title: 'Orders of ann@mail.example',
      text: 'Unsubscribe',
    };
    scrubEventUrls(event, denySet([]));
    expect(event).toEqual({
      type: 'click',
      url: 'https://shop.example/account?email=redacted',
      referrer: 'https://mail.example/?token=redacted',
      href: 'https://shop.example/unsubscribe?mail=redacted&list=7',
      path: '/users/redacted',
      title: 'Orders of redacted',
      text: 'Unsubscribe',
    });
  });
});

describe('scrubUrl', () => {
  it.each([
    [
      'https://shop.example/reset?email=ann%40mail.example&token=abc123&step=2',
      'https://shop.example/reset?email=redacted&token=redacted&step=2',
    ],
    [
      'https://shop.example/welcome?user=ann@mail.example',
      'https://shop.example/welcome?user=redacted',
    ],
    [
      'https://app.example/callback#access_token=eyJhbGci&token_type=bearer&state=xyz',
      'https://app.example/callback#access_token=redacted&token_type=bearer&state=redacted',
    ],
    [
      'https://app.example/oauth?code=4/0AX&scope=email',
      'https://app.example/oauth?code=redacted&scope=email',
    ],
    ['https://ann:hunter2@intranet.example/page', 'https://intranet.example/page'],
    [
      'https://files.example/a.pdf?X-Amz-Signature=deadbeef&X-Amz-Expires=60',
      'https://files.example/a.pdf?X-Amz-Signature=redacted&X-Amz-Expires=60',
    ],
    [
      'https://blog.example/users/ann.lee@mail.example/posts',
      'https://blog.example/users/redacted/posts',
    ],
    ['mailto:ann@mail.example', 'mailto:redacted'],
    ['not a url ann@mail.example', 'not a url redacted'],
    [
      'https://shop.example/?API-KEY=k1&Api_Key=k2',
      'https://shop.example/?API-KEY=redacted&Api_Key=redacted',
    ],
  ])('scrubs %s', (raw, want) => {
    expect(scrubUrl(raw)).toBe(want);
  });

  it('keeps what holds no secret exactly as sent', () => {
    for (const url of [
      'https://shop.example/',
      'https://shop.example/p/42?utm_source=news&utm_campaign=spring&page=2',
      'https://shop.example/search?q=red+shoes&sort=price#reviews',
      'https://shop.example/a?empty=&flag&token=',
    ])
      expect(scrubUrl(url)).toBe(url);
  });

  it("adds the site's own parameters to the list", () => {
    const deny = denySet(['customer-id', 'Order_Ref']);
    expect(scrubUrl('https://shop.example/thanks?customer_id=991&orderref=A7&lang=en', deny)).toBe(
      'https://shop.example/thanks?customer_id=redacted&orderref=redacted&lang=en',
    );
  });
});
