import { randomUUID } from 'node:crypto';
import { collectedEvent, type ClientEvent } from '@sightline/contract';
import { describe, expect, it } from 'vitest';
import { anonymiseIp } from '../src/anonymise-ip.js';
import { classifyChannel } from '../src/channel.js';
import { correctTimestamp } from '../src/clock-skew.js';
import { derivedIds } from '../src/derived-ids.js';
import { createEnricher } from '../src/enrich-event.js';
import { createCountryLookup } from '../src/geo.js';
import { userAgentFacts } from '../src/user-agent.js';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

describe('classifyChannel', () => {
  const page = 'https://shop.example/products';
  it.each([
    [page, undefined, 'direct'],
    [page, '', 'direct'],
    [page, 'https://www.google.co.uk/search?q=lamp', 'search'],
    [page, 'https://duckduckgo.com/', 'search'],
    [page, 'https://search.brave.com/search?q=x', 'search'],
    [page, 'https://l.facebook.com/l.php', 'social'],
    [page, 'https://t.co/abc', 'social'],
    [page, 'https://news.ycombinator.com/item?id=1', 'social'],
    [page, 'https://mail.google.com/mail/u/0/', 'email'],
    [page, 'https://www.shop.example/cart', 'internal'],
    [page, 'https://blog.other.example/post', 'referral'],
    [`${page}?utm_source=newsletter&utm_medium=email`, 'https://mail.example/', 'email'],
    [`${page}?utm_source=partner&utm_campaign=spring`, 'https://partner.example/', 'campaign'],
    [`${page}?gclid=abc`, 'https://www.google.com/', 'campaign'],
  ])('%s from %s → %s', (url, referrer, channel) => {
    expect(classifyChannel(url, referrer).channel).toBe(channel);
  });

  it('reads the UTM tags and the referrer host', () => {
    expect(
      classifyChannel(
        `${page}?utm_source=x&utm_medium=cpc&utm_campaign=c&utm_term=t&utm_content=v`,
        'https://Ads.Example/',
      ),
    ).toEqual({
      channel: 'campaign',
      referrerHost: 'ads.example',
      utm: { source: 'x', medium: 'cpc', campaign: 'c', term: 't', content: 'v' },
      path: '/products',
    });
  });

  it('survives URLs that do not parse', () => {
    expect(classifyChannel('not a url', 'also not')).toEqual({ channel: 'direct' });
  });
});

describe('anonymiseIp', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0'],
    ['::ffff:198.51.100.9', '198.51.100.0'],
    ['2a03:2880:f12f:83:face:b00c::25de', '2a03:2880:f12f::'],
    ['2001:0db8::1', '2001:db8:0::'],
    ['::1', '0:0:0::'],
    ['not-an-ip', undefined],
  ])('%s → %s', (ip, anonymised) => {
    expect(anonymiseIp(ip)).toBe(anonymised);
  });
});

describe('correctTimestamp', () => {
  const now = 1_767_225_600_000;
  it('leaves timestamps alone within the tolerance (network latency is not skew)', () => {
    expect(correctTimestamp(now - 2_000, now - 300, now)).toBe(now - 2_000);
  });
  it('moves every timestamp by the skew of a browser clock that is off', () => {
    // The browser clock runs an hour fast: it sent at "now + 1 h".
    expect(correctTimestamp(now + 3_600_000 - 10_000, now + 3_600_000, now)).toBe(now - 10_000);
  });
  it('never places an event in the future', () => {
    expect(correctTimestamp(now + 60_000, undefined, now)).toBe(now);
  });
});

describe('derivedIds', () => {
  it('is stable within a day and different the next day, per site', () => {
    const day = Date.UTC(2026, 0, 1, 9);
    const a = derivedIds('secret', 'shop', '203.0.113.7', CHROME, day);
    expect(derivedIds('secret', 'shop', '203.0.113.7', CHROME, day + 3_600_000)).toEqual(a);
    expect(derivedIds('secret', 'shop', '203.0.113.7', CHROME, day + 86_400_000).visitor).not.toBe(
      a.visitor,
    );
    expect(derivedIds('secret', 'blog', '203.0.113.7', CHROME, day).visitor).not.toBe(a.visitor);
    expect(derivedIds('other', 'shop', '203.0.113.7', CHROME, day).visitor).not.toBe(a.visitor);
    expect(a.visitor).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('userAgentFacts', () => {
  it('names browser, OS and device class', () => {
    expect(userAgentFacts(CHROME)).toMatchObject({
      browser: 'Chrome',
      os: 'Windows',
      device: 'desktop',
      bot: false,
    });
    expect(userAgentFacts(IPHONE)).toMatchObject({
      browser: 'Mobile Safari',
      os: 'iOS',
      device: 'mobile',
      bot: false,
    });
  });
  it('flags crawlers, headless browsers and requests without a user agent as bots', () => {
    expect(
      userAgentFacts('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)')
        .bot,
    ).toBe(true);
    expect(
      userAgentFacts(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/130.0.0.0 Safari/537.36',
      ).bot,
    ).toBe(true);
    expect(userAgentFacts('').bot).toBe(true);
  });
});

describe('the country database', () => {
  const country = createCountryLookup();
  it('finds countries for IPv4 and IPv6, nothing for private or invalid addresses', () => {
    expect(country('8.8.8.8')).toBe('US');
    expect(country('81.2.69.142')).toBe('GB');
    expect(country('2a03:2880:f12f:83:face:b00c::25de')).toMatch(/^[A-Z]{2}$/);
    expect(country('127.0.0.1')).toBeUndefined();
    expect(country('garbage')).toBeUndefined();
  });
});

describe('createEnricher', () => {
  const enricher = createEnricher({ secret: 's', country: createCountryLookup() });
  const event: ClientEvent = {
    id: randomUUID(),
    type: 'pageview',
    visitor: 'v1',
    session: 's1',
    ts: 1_767_225_590_000,
    url: 'https://shop.example/lamps?utm_source=news&utm_medium=email',
    referrer: 'https://mail.google.com/',
  };
  const request = {
    site: 'shop',
    ip: '81.2.69.142',
    userAgent: CHROME,
    receivedAt: 1_767_225_600_000,
    sentAt: 1_767_225_599_900,
    cookieless: false,
    personalisation: true,
  };

  it('produces events the contract accepts as collected, with every ingest field', () => {
    const [collected] = enricher.enrich([event], request);
    expect(collectedEvent.safeParse(collected).error?.issues).toBeUndefined();
    expect(collected).toMatchObject({
      site: 'shop',
      path: '/lamps',
      ts: event.ts,
      clientTs: event.ts,
      receivedAt: request.receivedAt,
      browser: 'Chrome',
      device: 'desktop',
      bot: false,
      channel: 'email',
      utm: { source: 'news', medium: 'email' },
      country: 'GB',
      ip: '81.2.69.0',
      personalisation: true,
      visitor: 'v1',
    });
    expect(JSON.stringify(collected)).not.toContain('81.2.69.142');
  });

  it('replaces visitor and session in cookieless mode', () => {
    const [collected] = enricher.enrich([event], { ...request, cookieless: true });
    expect(collected!.visitor).not.toBe('v1');
    expect(collected!.visitor).toBe(
      derivedIds('s', 'shop', request.ip, CHROME, request.receivedAt).visitor,
    );
  });
});
