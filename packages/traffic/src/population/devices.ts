import { weighted, type Random } from '../random.js';

/** What a visitor's browser says about itself (the tracker reads screen and viewport). */
export interface Device {
  userAgent: string;
  screen: string;
  viewport: string;
}

/** A mix close to today's web: mostly Chrome, a third on phones. */
const DEVICES: readonly (readonly [Device, number])[] = [
  [
    {
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      screen: '1920x1080',
      viewport: '1903x937',
    },
    30,
  ],
  [
    {
      userAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
      screen: '1512x982',
      viewport: '1512x862',
    },
    10,
  ],
  [
    {
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      screen: '1366x768',
      viewport: '1349x657',
    },
    7,
  ],
  [
    {
      userAgent: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
      screen: '2560x1440',
      viewport: '2543x1308',
    },
    4,
  ],
  [
    {
      userAgent:
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36',
      screen: '412x915',
      viewport: '412x839',
    },
    22,
  ],
  [
    {
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      screen: '393x852',
      viewport: '393x659',
    },
    20,
  ],
  [
    {
      userAgent:
        'Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
      screen: '820x1180',
      viewport: '820x1106',
    },
    7,
  ],
];

/** Crawlers and monitors: ingest flags them as bots, and the dashboards leave them out. */
const BOTS: readonly (readonly [Device, number])[] = [
  [
    {
      userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      screen: '1024x768',
      viewport: '1024x768',
    },
    5,
  ],
  [
    {
      userAgent: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
      screen: '1024x768',
      viewport: '1024x768',
    },
    3,
  ],
  [
    {
      userAgent: 'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
      screen: '1024x768',
      viewport: '1024x768',
    },
    2,
  ],
];

export const someDevice = (random: Random): Device => weighted(random, DEVICES);
export const someBot = (random: Random): Device => weighted(random, BOTS);

/** Where a visitor is: the address ingest sees (a real block of that country) and its settings. */
export interface Place {
  /** First three octets of an address block of the country; the visitor adds the fourth. */
  block: string;
  lang: string;
  tz: string;
}

export type Audience = 'shop' | 'university';

/** Countries by audience: the shop sells in Europe and North America, the university is in Morocco. */
const PLACES: Record<Audience, readonly (readonly [Place, number])[]> = {
  shop: [
    [{ block: '81.2.69', lang: 'en-GB', tz: 'GMT+0000' }, 25],
    [{ block: '8.8.8', lang: 'en-US', tz: 'GMT-0500' }, 25],
    [{ block: '46.4.0', lang: 'de-DE', tz: 'GMT+0100' }, 15],
    [{ block: '51.15.0', lang: 'fr-FR', tz: 'GMT+0100' }, 12],
    [{ block: '95.142.0', lang: 'es-ES', tz: 'GMT+0100' }, 8],
    [{ block: '2.16.0', lang: 'nl-NL', tz: 'GMT+0100' }, 6],
    [{ block: '24.48.0', lang: 'en-CA', tz: 'GMT-0500' }, 6],
    [{ block: '185.60.216', lang: 'en-IE', tz: 'GMT+0000' }, 3],
  ],
  university: [
    [{ block: '41.248.0', lang: 'fr-MA', tz: 'GMT+0100' }, 45],
    [{ block: '105.128.0', lang: 'ar-MA', tz: 'GMT+0100' }, 20],
    [{ block: '51.15.0', lang: 'fr-FR', tz: 'GMT+0100' }, 10],
    [{ block: '8.8.8', lang: 'en-US', tz: 'GMT-0500' }, 10],
    [{ block: '81.2.69', lang: 'en-GB', tz: 'GMT+0000' }, 5],
    [{ block: '95.142.0', lang: 'es-ES', tz: 'GMT+0100' }, 5],
    [{ block: '49.44.0', lang: 'en-IN', tz: 'GMT+0530' }, 5],
  ],
};

export const somePlace = (random: Random, audience: Audience): Place =>
  weighted(random, PLACES[audience]);
